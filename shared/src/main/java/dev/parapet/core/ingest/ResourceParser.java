package dev.parapet.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Locale;

/**
 * Turns any supported native document (see docs/INPUTS.md) into resources. Recognition is by shape, not by file
 * name, so one array may mix AWS configuration items, ARM resources and Cloud Asset assets. Halves of one Cloud Asset
 * (RESOURCE and IAM_POLICY content) within the document are joined ({@link GcpAssetMerger}).
 */
public final class ResourceParser {
    private ResourceParser() {
    }

    /**
     * @param source      names the input in problems (file path, event id)
     * @param defaultTime observation time for documents that carry none (ARM resources, Resource Graph rows)
     */
    public static ParseResult parse(JsonNode root, String source, Instant defaultTime) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            return ParseResult.problem(source, "empty document");
        }
        if (root.isArray()) {
            ParseResult.Builder all = new ParseResult.Builder();
            int i = 0;
            for (JsonNode element : root) {
                String where = source + "[" + i++ + "]";
                all.add(element.isObject() ? parseObject(element, where, defaultTime)
                        : ParseResult.problem(where, "expected a JSON object, found " + kind(element)));
            }
            return GcpAssetMerger.merge(all.build());
        }
        if (!root.isObject()) {
            return ParseResult.problem(source, "expected a JSON object or array, found " + kind(root));
        }
        return GcpAssetMerger.merge(parseObject(root, source, defaultTime));
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static ParseResult parseObject(JsonNode node, String source, Instant defaultTime) {
        ParseResult result = AwsConfigItems.parseAny(node, source, defaultTime);
        if (result == null) {
            result = GcpAssets.parseAny(node, source, defaultTime);
        }
        if (result == null) {
            result = AzureArmResources.parseAny(node, source, defaultTime);
        }
        if (result == null) {
            return ParseResult.problem(source, "not a recognised format (expected an AWS Config configuration item or "
                    + "Config event, an ARM resource, list page or Resource Graph result, or a Cloud Asset asset or "
                    + "feed message)");
        }
        return result;
    }
}
