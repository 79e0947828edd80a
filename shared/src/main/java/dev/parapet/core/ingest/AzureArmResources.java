package dev.parapet.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ARM resources as ARM GET and Azure Resource Graph return them: one object, {"value":[...]} list pages and
 * Resource Graph {"data":[...]} (object array, or the older table form with columns and rows).
 * Top-level keys are matched case-insensitively and rewritten to ARM's casing, because Resource Graph and some
 * exports differ in case while rules are written against the documented shape.
 */
final class AzureArmResources {
    private static final Map<String, String> CANONICAL_KEYS = new LinkedHashMap<>();

    static {
        for (String k : List.of("id", "name", "type", "location", "kind", "sku", "tags", "properties", "identity",
                "zones", "extendedLocation", "managedBy", "plan", "etag", "systemData", "resourceGroup",
                "subscriptionId", "tenantId")) {
            CANONICAL_KEYS.put(k.toLowerCase(Locale.ROOT), k);
        }
    }

    private AzureArmResources() {
    }

    static final String SUBSCRIPTION_TYPE = "Microsoft.Resources/subscriptions";

    static boolean looksLikeResource(JsonNode n) {
        String id = textIgnoreCase(n, "id");
        return id != null && id.toLowerCase(Locale.ROOT).startsWith("/subscriptions/")
                && (textIgnoreCase(n, "type") != null || isSubscriptionId(id));
    }

    /** Subscriptions - Get / List return no "type"; the id "/subscriptions/{guid}" alone says what it is. */
    private static boolean isSubscriptionId(String id) {
        String[] parts = id.split("/");
        return parts.length == 3 && parts[0].isEmpty() && !parts[2].isBlank();
    }

    /** Returns null when the node is no ARM shape at all. */
    static ParseResult parseAny(JsonNode n, String source, Instant observed) {
        JsonNode value = n.get("value");
        if (value != null && value.isArray() && !looksLikeResource(n)) {
            return list(value, source + " value", observed);
        }
        JsonNode data = n.get("data");
        if (data != null && !looksLikeResource(n)) {
            if (data.isArray()) {
                return list(data, source + " data", observed);
            }
            if (data.isObject() && data.has("columns") && data.has("rows")) {
                return table(data, source + " data", observed);
            }
        }
        if (looksLikeResource(n)) {
            return resource(n, source, observed);
        }
        return null;
    }

    private static ParseResult list(JsonNode items, String source, Instant observed) {
        ParseResult.Builder all = new ParseResult.Builder();
        int i = 0;
        for (JsonNode item : items) {
            String where = source + "[" + i++ + "]";
            all.add(looksLikeResource(item) ? resource(item, where, observed)
                    : ParseResult.problem(where, "not an ARM resource (needs an id under /subscriptions/ and a type)"));
        }
        return all.build();
    }

    /** Resource Graph's table result format: {"columns":[{"name":..}], "rows":[[...]]}. */
    private static ParseResult table(JsonNode data, String source, Instant observed) {
        JsonNode columns = data.get("columns");
        JsonNode rows = data.get("rows");
        if (!columns.isArray() || !rows.isArray()) {
            return ParseResult.problem(source, "Resource Graph table needs a columns array and a rows array");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode column : columns) {
            names.add(Json.text(column, "name"));
        }
        ParseResult.Builder all = new ParseResult.Builder();
        int i = 0;
        for (JsonNode row : rows) {
            String where = source + ".rows[" + i++ + "]";
            if (!row.isArray()) {
                all.problem(where, "row is not an array of column values");
                continue;
            }
            ObjectNode object = Json.MAPPER.createObjectNode();
            for (int c = 0; c < names.size() && c < row.size(); c++) {
                if (names.get(c) != null) {
                    object.set(names.get(c), row.get(c));
                }
            }
            all.add(looksLikeResource(object) ? resource(object, where, observed)
                    : ParseResult.problem(where, "row is not an ARM resource (needs id and type columns)"));
        }
        return all.build();
    }

    static ParseResult resource(JsonNode raw, String source, Instant observed) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = raw.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String key = CANONICAL_KEYS.getOrDefault(e.getKey().toLowerCase(Locale.ROOT), e.getKey());
            doc.set(key, e.getValue());
        }
        String id = Json.text(doc, "id");
        if (Json.text(doc, "type") == null) { // only a subscription gets here without one
            doc.put("type", SUBSCRIPTION_TYPE);
        }
        String subscription = segmentAfter(id, "subscriptions");
        if (subscription == null) {
            subscription = Json.text(doc, "subscriptionId");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode tagNode = doc.get("tags");
        if (tagNode != null && tagNode.isObject()) {
            tagNode.fields().forEachRemaining(t -> tags.put(t.getKey(), t.getValue().asText()));
        }
        JsonNode lastModified = doc.path("systemData").get("lastModifiedAt");
        Instant modified = Timestamps.read(lastModified);
        String name = Json.text(doc, "name");
        // ARM ids are case-insensitive and Resource Graph, events and ARM GET disagree on case: one resource must have
        // one identity in findings, the store and tickets, so the id is lower-cased (the document keeps the original).
        Resource resource = new Resource(Provider.AZURE, id.toLowerCase(Locale.ROOT), Json.text(doc, "type"),
                subscription == null ? "" : subscription.toLowerCase(Locale.ROOT), Json.text(doc, "location"),
                name != null ? name : segmentLast(id), tags, modified != null ? modified : observed, false, doc);
        if (Timestamps.malformed(lastModified)) {
            return new ParseResult(List.of(resource), List.of(new InputProblem(source,
                    "systemData.lastModifiedAt " + lastModified + " is not a timestamp; the read time was used")));
        }
        return ParseResult.of(List.of(resource));
    }

    private static String segmentLast(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }

    /** The path segment after {@code /name/} in an ARM id, case-insensitively; null if absent. */
    static String segmentAfter(String id, String name) {
        if (id == null) {
            return null;
        }
        String[] parts = id.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].equalsIgnoreCase(name)) {
                return parts[i + 1];
            }
        }
        return null;
    }

    private static String textIgnoreCase(JsonNode n, String field) {
        if (!n.isObject()) {
            return null;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = n.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (e.getKey().equalsIgnoreCase(field) && e.getValue().isTextual()) {
                return e.getValue().asText();
            }
        }
        return null;
    }
}
