package dev.parapet.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cloud Asset Inventory assets: the API's camelCase form and the export's snake_case form (rewritten to camelCase
 * outside resource.data, which is the service's own REST shape in both), ListAssets pages ({"assets":[...]}) and
 * real-time feed messages (TemporalAsset: asset, priorAsset, deleted, window).
 */
final class GcpAssets {
    private GcpAssets() {
    }

    static boolean looksLikeAsset(JsonNode n) {
        return (n.has("assetType") || n.has("asset_type")) && n.has("name");
    }

    /** Returns null when the node is no Cloud Asset shape. */
    static ParseResult parseAny(JsonNode n, String source, Instant observed) {
        JsonNode asset = n.get("asset");
        if (asset != null && asset.isObject() && (n.has("window") || n.has("deleted") || n.has("priorAsset")
                || n.has("prior_asset") || looksLikeAsset(asset))) {
            return temporal(n, source, observed);
        }
        JsonNode assets = n.get("assets");
        if (assets != null && assets.isArray()) {
            ParseResult.Builder all = new ParseResult.Builder();
            int i = 0;
            for (JsonNode a : assets) {
                String where = source + " assets[" + i++ + "]";
                all.add(looksLikeAsset(a) ? asset(a, where, observed, false)
                        : ParseResult.problem(where, "not a Cloud Asset (needs name and assetType)"));
            }
            return all.build();
        }
        if (looksLikeAsset(n)) {
            return asset(n, source, observed, false);
        }
        return null;
    }

    private static ParseResult temporal(JsonNode n, String source, Instant observed) {
        JsonNode window = n.has("window") ? n.get("window") : Json.MAPPER.createObjectNode();
        Instant start = Timestamps.read(window.get("startTime"));
        if (start == null) {
            start = Timestamps.read(window.get("start_time"));
        }
        boolean deleted = n.path("deleted").asBoolean(false);
        JsonNode asset = n.get("asset");
        if (!looksLikeAsset(asset)) {
            return ParseResult.problem(source + " asset", "feed message asset lacks name or assetType");
        }
        return asset(asset, source + " asset", start != null ? start : observed, deleted);
    }

    static ParseResult asset(JsonNode raw, String source, Instant observed, boolean deleted) {
        ObjectNode doc = (ObjectNode) camelCaseOutsideData(raw, false);
        String name = Json.text(doc, "name");
        String type = Json.text(doc, "assetType");
        JsonNode resource = doc.path("resource");
        JsonNode data = resource.path("data");
        String project = projectOf(doc);
        Map<String, String> labels = new LinkedHashMap<>();
        if (data.path("labels").isObject()) {
            data.get("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        }
        Instant updated = Timestamps.read(doc.get("updateTime"));
        String location = Json.text(resource, "location");
        String shortName = name.substring(name.lastIndexOf('/') + 1);
        return ParseResult.of(List.of(new Resource(Provider.GCP, name, type, project, location, shortName, labels,
                updated != null ? updated : observed, deleted, doc)));
    }

    /** Project of an asset: from ancestors ("projects/123"), resource.parent, or the name itself. */
    static String projectOf(JsonNode doc) {
        for (JsonNode a : doc.path("ancestors")) {
            String s = a.asText();
            if (s.startsWith("projects/")) {
                return s.substring("projects/".length());
            }
        }
        for (String candidate : new String[]{Json.text(doc.path("resource"), "parent"), Json.text(doc, "name")}) {
            if (candidate != null) {
                int at = candidate.indexOf("/projects/");
                if (at >= 0) {
                    String rest = candidate.substring(at + "/projects/".length());
                    int slash = rest.indexOf('/');
                    return slash < 0 ? rest : rest.substring(0, slash);
                }
            }
        }
        return "";
    }

    private static JsonNode camelCaseOutsideData(JsonNode node, boolean insideResource) {
        if (node.isObject()) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                String key = camel(e.getKey());
                boolean isData = insideResource && key.equals("data");
                out.set(key, isData ? e.getValue() : camelCaseOutsideData(e.getValue(), key.equals("resource")));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(item -> out.add(camelCaseOutsideData(item, false)));
            return out;
        }
        return node;
    }

    static String camel(String key) {
        if (key.indexOf('_') < 0) {
            return key;
        }
        StringBuilder b = new StringBuilder(key.length());
        boolean upper = false;
        for (char c : key.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }
}
