package dev.parapet.gcp.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.json.Json;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins the IAM_POLICY half of an asset into its RESOURCE half (docs/resources-gcp.md): one document per asset name
 * with {@code resource} and {@code iamPolicy}. Where the policies of a type were listed but an asset has none, it
 * gets {@code "iamPolicy": {}} ("no policy"); where they could not be listed, none is attached ("not collected"), so
 * rules that read the policy report ERROR.
 */
public final class AssetMerge {
    private final Map<String, JsonNode> policies = new HashMap<>();
    private final List<ObjectNode> resources = new ArrayList<>();

    public void addResource(JsonNode asset) {
        resources.add((ObjectNode) asset.deepCopy());
    }

    public void addPolicy(JsonNode asset) {
        policies.put(asset.path("name").asText(), asset);
    }

    /**
     * @param policyTypesListed asset types whose IAM_POLICY listing succeeded
     * @return the merged documents, and how many policies had no RESOURCE half (their type unreadable, or created
     *         between the two listings)
     */
    public Result merge(Set<String> policyTypesListed) {
        List<ObjectNode> out = new ArrayList<>(resources.size());
        Set<String> used = new java.util.HashSet<>();
        for (ObjectNode asset : resources) {
            String name = asset.path("name").asText();
            JsonNode policyAsset = policies.get(name);
            if (policyAsset != null) {
                used.add(name);
                withPolicy(asset, policyAsset);
            } else if (policyTypesListed.contains(asset.path("assetType").asText())) {
                asset.putObject("iamPolicy");
            }
            out.add(asset);
        }
        return new Result(out, policies.size() - used.size());
    }

    public record Result(List<ObjectNode> assets, int orphanPolicies) {
    }

    /**
     * Adds the policy to the resource document. The document's updateTime becomes the later of the two halves, so a
     * policy change counts as a change of the asset when writes are ordered by observation time.
     */
    public static ObjectNode withPolicy(ObjectNode resourceAsset, JsonNode policyAsset) {
        JsonNode policy = policyAsset.get("iamPolicy");
        resourceAsset.set("iamPolicy", policy != null && policy.isObject() ? policy.deepCopy() : Json.MAPPER.createObjectNode());
        Instant resourceTime = time(resourceAsset.get("updateTime"));
        Instant policyTime = time(policyAsset.get("updateTime"));
        if (policyTime != null && (resourceTime == null || policyTime.isAfter(resourceTime))) {
            resourceAsset.set("updateTime", policyAsset.get("updateTime").deepCopy());
        }
        return resourceAsset;
    }

    static Instant time(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
