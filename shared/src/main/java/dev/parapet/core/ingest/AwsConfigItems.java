package dev.parapet.core.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
            if (detail.has("configurationItemSummary") || "OversizedConfigurationItemChangeNotification".equals(Json.text(detail, "messageType"))) {
                return ParseResult.problem(source, "oversized configuration item notification carries no item; "
                        + "fetch it with GetResourceConfigHistory (" + summaryName(detail.get("configurationItemSummary")) + ")");
            }
        }
        if (n.has("invokingEvent")) {
            return invocation(n, source, defaultTime);
        }
        if (n.has("configurationItem") && n.get("configurationItem").isObject()) {
            return item(n.get("configurationItem"), source + " configurationItem", defaultTime);
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
                            item = Json.MAPPER.readTree(element.asText());
                        } catch (JsonProcessingException e) {
                            all.add(ParseResult.problem(where, "result is not valid JSON: " + e.getOriginalMessage()));
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
        return null;
    }

    private static String summaryName(JsonNode summary) {
        if (summary == null) {
            return "no summary";
        }
        return Json.text(summary, "resourceType") + " " + Json.text(summary, "resourceId");
    }

    private static ParseResult invocation(JsonNode n, String source, Instant defaultTime) {
        JsonNode invoking = n.get("invokingEvent");
        if (invoking.isTextual()) {
            try {
                invoking = Json.MAPPER.readTree(invoking.asText());
            } catch (JsonProcessingException e) {
                return ParseResult.problem(source, "invokingEvent is not valid JSON: " + e.getOriginalMessage());
            }
        }
        if (invoking.has("configurationItem") && invoking.get("configurationItem").isObject()) {
            return item(invoking.get("configurationItem"), source + " invokingEvent.configurationItem", defaultTime);
        }
        String type = Json.text(invoking, "messageType");
        if ("ScheduledNotification".equals(type)) {
            return ParseResult.problem(source, "scheduled Config rule invocation carries no configuration item");
        }
        return ParseResult.problem(source, "Config rule invocation of type " + type + " carries no configuration item"
                + (invoking.has("configurationItemSummary") ? "; fetch it with GetResourceConfigHistory" : ""));
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
            JsonNode decoded = decodeJsonString(configuration);
            if (decoded == configuration) {
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
        Instant observed = Timestamps.read(ci.get("configurationItemCaptureTime"));
        String name = firstText(ci, "resourceName");
        return ParseResult.of(List.of(new Resource(Provider.AWS, id, type, account, firstText(ci, "awsRegion"),
                name != null ? name : resourceId, tags(ci.get("tags")), observed != null ? observed : defaultTime,
                deleted, ci)));
    }

    /** Decodes a value that is JSON encoded as a string, once or twice, as Config does to supplementaryConfiguration. */
    static JsonNode decodeJsonString(JsonNode value) {
        JsonNode current = value;
        for (int depth = 0; depth < 3 && current != null && current.isTextual(); depth++) {
            String text = current.asText().trim();
            if (text.isEmpty() || !(text.startsWith("{") || text.startsWith("[") || text.startsWith("\""))) {
                break;
            }
            try {
                current = Json.MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                break;
            }
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
