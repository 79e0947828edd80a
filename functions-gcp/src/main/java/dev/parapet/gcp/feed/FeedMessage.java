package dev.parapet.gcp.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.json.Json;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A Cloud Asset feed message (TemporalAsset: asset, window, deleted, priorAsset, priorAssetState), checked for what
 * the assessment needs.
 *
 * @param half   which content the message carries: RESOURCE, IAM_POLICY, or NONE (a deletion carries neither)
 * @param window the window's start time: when the asset reached this state
 */
public record FeedMessage(ObjectNode raw, String name, String assetType, Half half, boolean deleted, Instant window) {

    public enum Half { RESOURCE, IAM_POLICY, NONE }

    /** @throws BadMessageException naming what is missing or wrong, and where */
    public static FeedMessage of(JsonNode node, String source) {
        if (node == null || !node.isObject()) {
            throw new BadMessageException(source + ": feed message is not a JSON object");
        }
        JsonNode asset = node.get("asset");
        if (asset == null || !asset.isObject()) {
            throw new BadMessageException(source + ": feed message has no asset object");
        }
        String name = Json.text(asset, "name");
        String type = Json.text(asset, "assetType");
        if (name == null || name.isBlank() || type == null || type.isBlank()) {
            throw new BadMessageException(source + ": feed message asset lacks " + (name == null || name.isBlank() ? "name" : "assetType"));
        }
        JsonNode deletedNode = node.get("deleted");
        if (deletedNode != null && !deletedNode.isBoolean()) {
            throw new BadMessageException(source + ": deleted is " + deletedNode.getNodeType() + ", not a boolean");
        }
        boolean deleted = deletedNode != null && deletedNode.booleanValue();
        Instant window = startTime(node.path("window"), source);
        Half half = asset.has("resource") ? Half.RESOURCE : asset.has("iamPolicy") ? Half.IAM_POLICY : Half.NONE;
        if (half == Half.NONE && !deleted) {
            throw new BadMessageException(source + ": asset " + name + " carries neither resource nor iamPolicy "
                    + "(feeds must use content type RESOURCE or IAM_POLICY)");
        }
        return new FeedMessage(((ObjectNode) node).deepCopy(), name, type, half, deleted, window);
    }

    private static Instant startTime(JsonNode window, String source) {
        JsonNode start = window.get("startTime");
        if (start == null || !start.isTextual()) {
            throw new BadMessageException(source + ": feed message has no window.startTime");
        }
        try {
            return Instant.parse(start.asText());
        } catch (DateTimeParseException e) {
            throw new BadMessageException(source + ": window.startTime '" + start.asText() + "' is not an RFC 3339 time");
        }
    }
}
