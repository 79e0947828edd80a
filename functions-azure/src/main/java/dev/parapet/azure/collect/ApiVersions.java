package dev.parapet.azure.collect;

import com.azure.resourcemanager.resources.models.Provider;
import com.azure.resourcemanager.resources.models.ProviderResourceType;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * A valid api-version per resource type, from the resource provider's metadata (GET
 * /subscriptions/{id}/providers/{namespace}), cached per namespace for the life of the process: the newest stable
 * version, or the newest preview where a type has no stable one.
 */
public final class ApiVersions {
    private final BiFunction<String, String, Map<String, List<String>>> loader;
    private final Map<String, Map<String, List<String>>> cache = new ConcurrentHashMap<>();

    /** @param loader (subscription, namespace) to type-below-namespace (lower case) to versions */
    public ApiVersions(BiFunction<String, String, Map<String, List<String>>> loader) {
        this.loader = loader;
    }

    /** Reads provider metadata with the SDK's Providers client. */
    public static ApiVersions using(AzureClients clients) {
        return new ApiVersions((subscription, namespace) -> {
            Provider provider = clients.resources(subscription).providers().getByName(namespace);
            Map<String, List<String>> out = new HashMap<>();
            for (ProviderResourceType t : provider.resourceTypes()) {
                if (t.resourceType() != null && t.apiVersions() != null) {
                    out.put(t.resourceType().toLowerCase(Locale.ROOT), List.copyOf(t.apiVersions()));
                }
            }
            return out;
        });
    }

    /** Empty when the provider does not list the type; throws what the provider read threw. */
    public Optional<String> forType(String subscription, ArmId id) {
        Map<String, List<String>> types = cache.computeIfAbsent(id.namespace().toLowerCase(Locale.ROOT),
                ns -> Map.copyOf(loader.apply(subscription, id.namespace())));
        List<String> versions = types.get(id.typeBelowNamespace().toLowerCase(Locale.ROOT));
        return versions == null ? Optional.empty() : newestOf(versions);
    }

    /** The newest stable version, or the newest preview when there is no stable one. */
    public static Optional<String> newestOf(List<String> versions) {
        // yyyy-mm-dd[-preview|-beta]: lexical order is date order
        Optional<String> stable = versions.stream().filter(v -> v.indexOf('-', 10) < 0).max(Comparator.naturalOrder());
        return stable.isPresent() ? stable : versions.stream().max(Comparator.naturalOrder());
    }
}
