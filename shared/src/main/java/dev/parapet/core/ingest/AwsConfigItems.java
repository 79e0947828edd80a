package dev.parapet.core.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS Config configuration items in every shape Config hands them out: the CI itself, the EventBridge
 * "Config Configuration Item Change" event, a Config rule invocation (invokingEvent as a JSON string),
 * SelectResourceConfig results (JSON strings), BatchGetResourceConfig and GetResourceConfigHistory pages
 * (configuration as a JSON string).
 */
final class AwsConfigItems {
    private AwsConfigItems() {
    }

    static boolean looksLikeItem(JsonNode n) {
        return n.has("configurationItemStatus")
                || (n.has("resourceType") && n.has("resourceId")
                && (n.has("awsAccountId") || n.has("accountId") || n.has("configuration")));
    }

    /** Recognises the wrappers; returns null when the node is no AWS Config shape at all. */
    static ParseResult parseAny(JsonNode n, String source, Instant defaultTime) {
        JsonNode detail = n.get("detail");
        if (detail != null && detail.isObject()) {
            if (detail.has("configurationItem")) {
                return item(detail.get("configurationItem"), source + " detail.configurationItem", defaultTime);
            }
            if (isOversized(detail)) {
                return oversized(detail, source + " detail");
            }
            if ("aws.config".equals(Json.text(n, "source"))) { // compliance changes, delivery status, ...
                return ParseResult.problem(source, "AWS Config event '" + Json.text(n, "detail-type")
                        + "' carries no configuration item");
            }
        }
        if (n.has("invokingEvent")) {
            return invocation(n, source, defaultTime);
        }
        if (n.has("configurationItem") && n.get("configurationItem").isObject()) {
            return item(n.get("configurationItem"), source + " configurationItem", defaultTime);
        }
        // The SNS form of a notification is the bare message, without EventBridge's detail wrapper.
        if (isOversized(n)) {
            return oversized(n, source);
        }
        for (String listField : new String[]{"Results", "baseConfigurationItems", "configurationItems", "ConfigurationItems", "BaseConfigurationItems"}) {
            JsonNode list = n.get(listField);
            if (list != null && list.isArray()) {
                ParseResult.Builder all = new ParseResult.Builder();
                int i = 0;
                for (JsonNode element : list) {
                    String where = source + " " + listField + "[" + i++ + "]";
                    JsonNode item = element;
                    if (element.isTextual()) { // SelectResourceConfig returns each result as a JSON string
                        try {
                            item = StrictJson.parse(element.asText());
                        } catch (JsonProcessingException e) {
                            all.add(ParseResult.problem(where, "result is not valid JSON: " + StrictJson.describe(e)));
                            continue;
                        }
                    }
                    all.add(item(item, where, defaultTime));
                }
                return all.build();
            }
        }
        if (looksLikeItem(n)) {
            return item(n, source, defaultTime);
        }
        String messageType = Json.text(n, "messageType");
        if (messageType != null && n.has("notificationCreationTime")) { // snapshot/history delivery notices
            return ParseResult.problem(source, "AWS Config notification of type " + messageType
                    + " carries no configuration item");
        }
        return null;
    }

    private static boolean isOversized(JsonNode n) {
        return n.has("configurationItemSummary")
                || "OversizedConfigurationItemChangeNotification".equals(Json.text(n, "messageType"));
    }

    private static ParseResult oversized(JsonNode n, String source) {
        return ParseResult.problem(source, "oversized configuration item notification carries no item; "
                + "fetch it with GetResourceConfigHistory (" + summaryName(n.get("configurationItemSummary")) + ")");
    }

    private static String summaryName(JsonNode summary) {
        String type = Json.text(summary, "resourceType");
        String id = Json.text(summary, "resourceId");
        if (type == null || id == null) {
            return "the summary names no resource";
        }
        return "resourceType " + type + ", resourceId " + id;
    }

    private static ParseResult invocation(JsonNode n, String source, Instant defaultTime) {
        JsonNode invoking = n.get("invokingEvent");
        if (invoking.isTextual()) {
            try {
                invoking = StrictJson.parse(invoking.asText());
            } catch (JsonProcessingException e) {
                return ParseResult.problem(source, "invokingEvent is not valid JSON: " + StrictJson.describe(e));
            }
        }
        if (!invoking.isObject()) {
            return ParseResult.problem(source, "invokingEvent is not a JSON object");
        }
        if (invoking.has("configurationItem") && invoking.get("configurationItem").isObject()) {
            return item(invoking.get("configurationItem"), source + " invokingEvent.configurationItem", defaultTime);
        }
        String type = Json.text(invoking, "messageType");
        if ("ScheduledNotification".equals(type)) {
            return ParseResult.problem(source, "scheduled (periodic) Config rule invocation carries no configuration "
                    + "item; list the resources with SelectResourceConfig or BatchGetResourceConfig instead");
        }
        if (isOversized(invoking)) {
            return oversized(invoking, source + " invokingEvent");
        }
        return ParseResult.problem(source, "Config rule invocation of type " + type + " carries no configuration item");
    }

    static ParseResult item(JsonNode raw, String source, Instant defaultTime) {
        if (raw == null || !raw.isObject()) {
            return ParseResult.problem(source, "configuration item is not a JSON object");
        }
        ObjectNode ci = raw.deepCopy();
        String type = Json.text(ci, "resourceType");
        String resourceId = Json.text(ci, "resourceId");
        if (type == null || resourceId == null) {
            return ParseResult.problem(source, "configuration item lacks " + (type == null ? "resourceType" : "resourceId"));
        }
        // The API returns configuration as a JSON string; snapshots and events as an object.
        JsonNode configuration = ci.get("configuration");
        if (configuration != null && configuration.isTextual()) {
            JsonNode decoded = configuration.asText().isBlank() ? NullNode.getInstance() : decodeJsonString(configuration);
            if (decoded.isTextual()) {
                return ParseResult.problem(source, "configuration of " + resourceId + " is a string that is not JSON");
            }
            ci.set("configuration", decoded);
        }
        JsonNode supplementary = ci.get("supplementaryConfiguration");
        if (supplementary != null && supplementary.isObject()) {
            ObjectNode decodedSupplementary = Json.MAPPER.createObjectNode();
            supplementary.fields().forEachRemaining(e -> decodedSupplementary.set(e.getKey(), decodeJsonString(e.getValue())));
            ci.set("supplementaryConfiguration", decodedSupplementary);
        }
        String account = firstText(ci, "awsAccountId", "accountId");
        String arn = firstText(ci, "arn", "ARN");
        String id = arn != null && !arn.isBlank() ? arn : resourceId;
        String status = Json.text(ci, "configurationItemStatus");
        boolean deleted = "ResourceDeleted".equals(status) || "ResourceDeletedNotRecorded".equals(status);
        JsonNode captureTime = ci.get("configurationItemCaptureTime");
        Instant observed = Timestamps.read(captureTime);
        String name = firstText(ci, "resourceName");
        Resource resource = new Resource(Provider.AWS, id, type, account, firstText(ci, "awsRegion"),
                name != null ? name : resourceId, tags(ci.get("tags")), observed != null ? observed : defaultTime,
                deleted, ci);
        if (Timestamps.malformed(captureTime)) { // keep the item, but say its time was not usable
            return new ParseResult(List.of(resource), List.of(new InputProblem(source,
                    "configurationItemCaptureTime " + captureTime + " is not a timestamp; the read time was used")));
        }
        return ParseResult.of(List.of(resource));
    }

    /**
     * Decodes a value that is JSON encoded as a string, once or twice, as Config does to supplementaryConfiguration.
     * The API encodes every value (objects, but also booleans: "false"), while snapshots and events carry the values
     * themselves; decoding any complete JSON text makes both forms read alike. Text that is not JSON stays as it is.
     */
    static JsonNode decodeJsonString(JsonNode value) {
        JsonNode current = value;
        for (int depth = 0; depth < 3 && current != null && current.isTextual(); depth++) {
            JsonNode decoded;
            try {
                decoded = StrictJson.parse(current.asText());
            } catch (JsonProcessingException e) {
                break;
            }
            if (decoded == null || decoded.isMissingNode()) {
                break;
            }
            current = decoded;
        }
        return current;
    }

    private static Map<String, String> tags(JsonNode tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags == null) {
            return out;
        }
        if (tags.isObject()) {
            tags.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        } else if (tags.isArray()) { // [{"key":..,"value":..}] as some APIs return
            for (JsonNode t : tags) {
                String k = firstText(t, "key", "Key");
                if (k != null) {
                    String v = firstText(t, "value", "Value");
                    out.put(k, v == null ? "" : v);
                }
            }
        }
        return out;
    }

    static String firstText(JsonNode n, String... fields) {
        for (String f : fields) {
            String v = Json.text(n, f);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
