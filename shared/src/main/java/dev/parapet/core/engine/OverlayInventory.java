package dev.parapet.core.engine;

import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A stored inventory seen through fresh documents: resources in {@code changes} replace their stored versions (or
 * hide them, when deleted) before the store has been written. Lets one changed resource be assessed against the
 * state it creates.
 */
public final class OverlayInventory implements RelatedResources {
    private final RelatedResources base;
    private final Inventory fresh;
    private final Set<String> changedIds = new HashSet<>();

    public OverlayInventory(RelatedResources base, Collection<Resource> changes) {
        this.base = base;
        this.fresh = new Inventory(changes);
        changes.forEach(r -> changedIds.add(key(r.provider(), r.id())));
    }

    private static String key(Provider provider, String id) {
        return provider.key() + "|" + id.toLowerCase(Locale.ROOT);
    }

    @Override
    public List<Resource> find(Provider provider, String account, String region, String type) {
        return merge(base.find(provider, account, region, type), fresh.find(provider, account, region, type));
    }

    @Override
    public List<Resource> children(Provider provider, String parentId, String type) {
        return merge(base.children(provider, parentId, type), fresh.children(provider, parentId, type));
    }

    private List<Resource> merge(List<Resource> stored, List<Resource> changed) {
        List<Resource> out = new ArrayList<>(stored.size() + changed.size());
        for (Resource r : stored) {
            if (!changedIds.contains(key(r.provider(), r.id()))) {
                out.add(r);
            }
        }
        out.addAll(changed);
        return out;
    }
}
