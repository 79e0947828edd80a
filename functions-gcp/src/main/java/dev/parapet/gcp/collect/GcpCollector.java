package dev.parapet.gcp.collect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.gax.rpc.ApiException;
import dev.parapet.core.ingest.ParseResult;
import dev.parapet.core.ingest.ResourceParser;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Lists a scope's assets with ListAssets, one listing per (asset type, content type), merges the IAM policies into
 * their resources and parses the result. A failed listing (permission denied, API disabled) is recorded and the
 * rest goes on; only when every listing fails does the collection fail. Shared by the scheduled function and
 * {@code parapet scan gcp}.
 */
public final class GcpCollector {
    static final Duration READ_TIME_MARGIN = Duration.ofSeconds(10);
    private final AssetLister lister;
    private final AssetTypes types;
    private final Clock clock;

    public GcpCollector(AssetLister lister, AssetTypes types, Clock clock) {
        this.lister = lister;
        this.types = types;
        this.clock = clock;
    }

    /** @param progress told one line per listing (asset type, assets so far) */
    public Collected collect(AssetScope scope, Consumer<String> progress) {
        AssetMerge merge = new AssetMerge();
        List<Unreadable> unreadable = new ArrayList<>();
        Set<String> policyTypesListed = new HashSet<>();
        int pages = 0;
        int[] assets = {0};
        // a little in the past: a read time ahead of the API's clock is rejected
        Instant readTime = clock.instant().minus(READ_TIME_MARGIN);
        List<AssetTypes.Listing> listings = types.listings();
        for (AssetTypes.Listing listing : listings) {
            Consumer<com.fasterxml.jackson.databind.JsonNode> sink = listing.contentType() == ContentType.RESOURCE
                    ? merge::addResource : merge::addPolicy;
            try {
                pages += lister.list(scope, listing, readTime, a -> {
                    assets[0]++;
                    sink.accept(a);
                });
                if (listing.contentType() == ContentType.IAM_POLICY) {
                    policyTypesListed.add(listing.assetType());
                }
                progress.accept(String.format(Locale.ROOT, "%s: listed %s, %d assets so far", scope, listing, assets[0]));
            } catch (ApiException e) {
                Unreadable u = new Unreadable(scope.parent(), listing.assetType(), listing.contentType(),
                        e.getStatusCode().getCode().name(), e.getMessage());
                unreadable.add(u);
                progress.accept("could not list " + u);
            }
        }
        if (!listings.isEmpty() && unreadable.size() == listings.size()) {
            throw new CollectionFailedException("no asset type of " + scope + " could be listed; first failure: "
                    + unreadable.get(0));
        }
        AssetMerge.Result merged = merge.merge(policyTypesListed);
        ParseResult.Builder parsed = new ParseResult.Builder();
        for (ObjectNode asset : merged.assets()) {
            parsed.add(ResourceParser.parse(asset, "ListAssets " + scope + " " + asset.path("name").asText(), clock.instant()));
        }
        ParseResult result = parsed.build();
        return new Collected(scope, result.resources(), unreadable, result.problems(), merged.orphanPolicies(), pages);
    }

    /** Nothing at all could be read: the scan must fail (and be retried), not record an empty estate. */
    public static final class CollectionFailedException extends RuntimeException {
        public CollectionFailedException(String message) {
            super(message);
        }
    }
}
