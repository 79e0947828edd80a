package dev.parapet.core.engine;

import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An in-memory index of live resources by provider, account and type, answering {@link RelatedResources}. */
public final class Inventory implements RelatedResources {
    private final Map<String, List<Resource>> byAccountType = new HashMap<>();
    private final Map<String, List<Resource>> byType = new HashMap<>();

    public Inventory(Collection<Resource> resources) {
        for (Resource r : resources) {
            if (r.deleted()) {
                continue;
            }
            byAccountType.computeIfAbsent(key(r.provider(), r.account(), r.type()), k -> new ArrayList<>()).add(r);
            byType.computeIfAbsent(r.provider().key() + "|" + r.type().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(r);
        }
    }

    private static String key(Provider provider, String account, String type) {
        return provider.key() + "|" + account.toLowerCase(Locale.ROOT) + "|" + type.toLowerCase(Locale.ROOT);
    }

    @Override
    public List<Resource> find(Provider provider, String account, String region, String type) {
        List<Resource> all = byAccountType.getOrDefault(key(provider, account, type), List.of());
        if (region == null) {
            return all;
        }
        return all.stream().filter(r -> r.region().equalsIgnoreCase(region)).toList();
    }

    @Override
    public List<Resource> children(Provider provider, String parentId, String type) {
        String prefix = parentId.toLowerCase(Locale.ROOT) + "/";
        return byType.getOrDefault(provider.key() + "|" + type.toLowerCase(Locale.ROOT), List.of()).stream()
                .filter(r -> r.id().toLowerCase(Locale.ROOT).startsWith(prefix))
                .toList();
    }
}
