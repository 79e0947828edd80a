package dev.parapet.gcp.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.engine.RelatedResources;
import dev.parapet.core.ingest.ParseResult;
import dev.parapet.core.ingest.ResourceParser;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;
import dev.parapet.core.run.ChangeAssessor;
import dev.parapet.core.store.Store;
import dev.parapet.gcp.collect.AssetMerge;
import dev.parapet.gcp.collect.AssetTypes;

import java.util.List;
import java.util.Optional;

/**
 * Assesses one feed message against the store: the changed asset with the related resources its rules read from the
 * stored inventory. A feed sends RESOURCE and IAM_POLICY changes as separate messages, so each is merged with the
 * stored other half first. Deletions resolve the asset's findings. Messages older than the stored state change
 * nothing: the store's writes are monotonic in observation time (the window start), so duplicates and late
 * arrivals end in the same state as in-order delivery.
 */
public final class FeedAssessor {
    private final ChangeAssessor assessor;

    public FeedAssessor(ChangeAssessor assessor) {
        this.assessor = assessor;
    }

    /**
     * @param outcome ASSESSED (written, or found stale by the store); WAITING when an IAM policy arrived for an asset
     *                whose resource is not stored yet (the resource message or the next scan brings it); IGNORED for
     *                the IAM_POLICY feed's copy of a deletion (the RESOURCE feed's copy resolves the findings)
     */
    public record Outcome(String outcome, FeedMessage message, ChangeAssessor.Result result) {
    }

    public Outcome assess(FeedMessage message, Store store) {
        if (message.deleted() && message.half() == FeedMessage.Half.IAM_POLICY) {
            return new Outcome("IGNORED", message, null);
        }
        ObjectNode doc = prepare(message, store);
        if (doc == null) {
            return new Outcome("WAITING", message, null);
        }
        ObjectNode envelope = message.raw().deepCopy();
        envelope.set("asset", doc);
        envelope.remove("priorAsset"); // the prior state is not assessed
        ParseResult parsed = ResourceParser.parse(envelope, "feed " + message.name(), message.window());
        if (!parsed.problems().isEmpty() || parsed.resources().size() != 1) {
            throw new BadMessageException("feed " + message.name() + ": " + parsed.problems());
        }
        Resource resource = parsed.resources().get(0);
        return new Outcome("ASSESSED", message, assessor.assess(List.of(resource), store));
    }

    /** The asset document to assess, merged with the stored other half; null when there is nothing to assess yet. */
    private static ObjectNode prepare(FeedMessage message, Store store) {
        ObjectNode asset = (ObjectNode) message.raw().get("asset").deepCopy();
        if (message.deleted()) {
            // a deletion may carry only name and type: the project comes from the prior state
            JsonNode prior = message.raw().get("priorAsset");
            if (!asset.has("ancestors") && prior != null && prior.has("ancestors")) {
                asset.set("ancestors", prior.get("ancestors").deepCopy());
            }
            return asset;
        }
        if (!AssetTypes.IAM_POLICY_TYPES.contains(message.assetType())) {
            return asset;
        }
        Optional<Resource> stored = storedAsset(message, asset, store.inventory());
        if (message.half() == FeedMessage.Half.RESOURCE) {
            stored.map(r -> r.document().get("iamPolicy")).ifPresent(p -> asset.set("iamPolicy", p.deepCopy()));
            return asset;
        }
        // IAM_POLICY half: the stored resource with this policy
        if (stored.isEmpty() || !stored.get().document().has("resource")) {
            return null;
        }
        ObjectNode merged = (ObjectNode) stored.get().document().deepCopy();
        return AssetMerge.withPolicy(merged, asset);
    }

    private static Optional<Resource> storedAsset(FeedMessage message, ObjectNode asset, RelatedResources inventory) {
        String project = ResourceParser.parse(asset, "feed " + message.name(), message.window()).resources().stream()
                .map(Resource::account).findFirst().orElse("");
        return inventory.find(Provider.GCP, project, null, message.assetType()).stream()
                .filter(r -> r.id().equals(message.name())).findFirst();
    }
}
