package dev.parapet.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;

import java.time.Instant;
import java.util.ArrayList;
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

    /**
     * A feed message (TemporalAsset). Its window.startTime is when the change took effect, so it orders the message,
     * also for a deletion whose asset still carries the old updateTime.
     */
    private static ParseResult temporal(JsonNode n, String source, Instant observed) {
        JsonNode window = n.path("window");
        JsonNode startNode = window.has("startTime") ? window.get("startTime") : window.get("start_time");
        Instant start = Timestamps.read(startNode);
        boolean deleted = n.path("deleted").asBoolean(false);
        JsonNode asset = n.get("asset");
        if (!looksLikeAsset(asset)) {
            return ParseResult.problem(source + " asset", "feed message asset lacks name or assetType");
        }
        ParseResult parsed = asset(asset, source + " asset", observed, deleted, start);
        if (Timestamps.malformed(startNode)) {
            return new ParseResult(parsed.resources(), append(parsed.problems(), new InputProblem(source, "window.startTime "
                    + startNode + " is not a timestamp; the asset's updateTime or the read time was used")));
        }
        return parsed;
    }

    static ParseResult asset(JsonNode raw, String source, Instant observed, boolean deleted) {
        return asset(raw, source, observed, deleted, null);
    }

    /** @param observedOverride the feed window's start; when null the asset's updateTime, else {@code observed} */
    private static ParseResult asset(JsonNode raw, String source, Instant observed, boolean deleted,
                                     Instant observedOverride) {
        ObjectNode doc = (ObjectNode) camelCaseOutsideData(raw, false);
        if (!doc.path("name").isTextual() || !doc.path("assetType").isTextual()) {
            return ParseResult.problem(source, "Cloud Asset name and assetType must be strings");
        }
        JsonNode updateTime = doc.get("updateTime");
        Instant updated = Timestamps.read(updateTime);
        Instant time = observedOverride != null ? observedOverride : updated != null ? updated : observed;
        Resource resource = toResource(doc, time, deleted);
        if (observedOverride == null && Timestamps.malformed(updateTime)) {
            return new ParseResult(List.of(resource), List.of(new InputProblem(source,
                    "updateTime " + updateTime + " is not a timestamp; the read time was used")));
        }
        return ParseResult.of(List.of(resource));
    }

    /** The resource of an already camel-cased asset document with a textual name and assetType. */
    static Resource toResource(ObjectNode doc, Instant observed, boolean deleted) {
        String name = Json.text(doc, "name");
        JsonNode resource = doc.path("resource");
        JsonNode data = resource.path("data");
        Map<String, String> labels = new LinkedHashMap<>();
        if (data.path("labels").isObject()) {
            data.get("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        }
        String shortName = name.substring(name.lastIndexOf('/') + 1);
        return new Resource(Provider.GCP, name, Json.text(doc, "assetType"), projectOf(doc),
                Json.text(resource, "location"), shortName, labels, observed, deleted, doc);
    }

    private static List<InputProblem> append(List<InputProblem> problems, InputProblem more) {
        List<InputProblem> all = new ArrayList<>(problems);
        all.add(more);
        return all;
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
