package dev.parapet.cli.estate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.json.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.parapet.cli.estate.J.obj;

/**
 * Google Cloud as Cloud Asset hands it out: the first project as an export to Cloud Storage (JSON Lines, field
 * names snake_case everywhere except inside resource.data), the second as ListAssets response pages (camelCase).
 */
final class GcpFiles {
    static final int LIST_PAGE = 50;

    private final EstateFiles files;

    GcpFiles(EstateFiles files) {
        this.files = files;
    }

    void write(List<ObjectNode> assets) throws IOException {
        Map<String, List<ObjectNode>> byProject = new LinkedHashMap<>();
        for (GcpEstate.Place p : GcpEstate.PROJECTS) {
            byProject.put(p.number(), new ArrayList<>());
        }
        for (ObjectNode a : assets) {
            String project = a.get("ancestors").get(0).asText().substring("projects/".length());
            byProject.get(project).add(a);
        }
        GcpEstate.Place exported = GcpEstate.PROJECTS.get(0);
        List<ObjectNode> lines = new ArrayList<>();
        byProject.get(exported.number()).forEach(a -> lines.add((ObjectNode) snakeCase(a, false)));
        if (!lines.isEmpty()) {
            files.lines("gcp/" + exported.projectId() + "_asset-export.jsonl", lines);
        }
        GcpEstate.Place listed = GcpEstate.PROJECTS.get(1);
        List<ObjectNode> pageable = byProject.get(listed.number());
        String readTime = latestUpdate(pageable);
        for (int page = 0; page * LIST_PAGE < pageable.size(); page++) {
            List<ObjectNode> slice = pageable.subList(page * LIST_PAGE, Math.min(pageable.size(), (page + 1) * LIST_PAGE));
            ObjectNode response = obj("readTime", readTime, "assets", EstateFiles.array(slice));
            if ((page + 1) * LIST_PAGE < pageable.size()) {
                response.put("nextPageToken", "page-" + (page + 2));
            }
            files.json("gcp/" + listed.projectId() + "_list-assets_page-" + (page + 1) + ".json", response);
        }
    }

    private static String latestUpdate(List<ObjectNode> assets) {
        String latest = "";
        for (ObjectNode a : assets) {
            String t = a.get("updateTime").asText();
            latest = t.compareTo(latest) > 0 ? t : latest;
        }
        return latest;
    }

    /** The export's spelling: snake_case keys, except inside resource.data, which keeps the service's own names. */
    static JsonNode snakeCase(JsonNode node, boolean insideResource) {
        if (node.isObject()) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                boolean data = insideResource && e.getKey().equals("data");
                out.set(snake(e.getKey()), data ? e.getValue() : snakeCase(e.getValue(), e.getKey().equals("resource")));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(item -> out.add(snakeCase(item, false)));
            return out;
        }
        return node;
    }

    static String snake(String key) {
        StringBuilder b = new StringBuilder(key.length() + 4);
        for (char c : key.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('_').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
