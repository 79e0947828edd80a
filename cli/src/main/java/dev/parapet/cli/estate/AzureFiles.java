package dev.parapet.cli.estate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.parapet.cli.estate.J.arr;
import static dev.parapet.cli.estate.J.obj;

/**
 * Azure as the APIs hand it out: top-level resources and subscriptions as Azure Resource Graph result pages
 * (rows with lower-cased types, the resourcecontainers shape for subscriptions), and what Resource Graph does not
 * index (child resources, Defender pricings, contacts and settings, role assignments, diagnostic settings), plus the
 * development subscription's virtual machines and disks, as ARM list pages ({"value":[...]}).
 */
final class AzureFiles {
    static final int GRAPH_PAGE = 50;
    private static final List<String> ROW_COLUMNS = List.of("id", "name", "type", "tenantId", "kind", "location",
            "resourceGroup", "subscriptionId", "managedBy", "sku", "plan", "properties", "tags", "identity", "zones",
            "extendedLocation");

    private final EstateFiles files;
    private final Rand rand;

    AzureFiles(EstateFiles files, Rand rand) {
        this.files = files;
        this.rand = rand;
    }

    void write(List<ObjectNode> resources) throws IOException {
        List<ObjectNode> graph = new ArrayList<>();
        Map<String, List<ObjectNode>> lists = new LinkedHashMap<>();
        for (ObjectNode r : resources) {
            String type = r.get("type").asText();
            String id = r.get("id").asText();
            String subscription = id.split("/")[2];
            boolean child = type.split("/").length > 2;
            boolean notIndexed = child || type.startsWith("Microsoft.Security/") || type.startsWith("Microsoft.Authorization/")
                    || type.equals("Microsoft.Insights/diagnosticSettings");
            boolean listedByArm = subscription.equals(AzureEstate.SUBSCRIPTIONS.get(1)) && type.startsWith("Microsoft.Compute/");
            if (notIndexed || listedByArm) {
                String file = AzureEstate.alias(subscription) + "-" + type.substring(type.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
                lists.computeIfAbsent(file, f -> new ArrayList<>()).add(r);
            } else {
                graph.add(row(r));
            }
        }
        int pages = (graph.size() + GRAPH_PAGE - 1) / GRAPH_PAGE;
        for (int page = 0; page < pages; page++) {
            List<ObjectNode> slice = graph.subList(page * GRAPH_PAGE, Math.min(graph.size(), (page + 1) * GRAPH_PAGE));
            ObjectNode response = obj("totalRecords", graph.size(), "count", slice.size(), "data", EstateFiles.array(slice),
                    "facets", arr(), "resultTruncated", "false");
            if (page + 1 < pages) {
                response.put("$skipToken", rand.lowerAlnum(48));
            }
            files.json("azure/resource-graph_page-" + (page + 1) + ".json", response);
        }
        for (Map.Entry<String, List<ObjectNode>> e : lists.entrySet()) {
            files.json("azure/arm/" + e.getKey() + ".json", obj("value", EstateFiles.array(e.getValue())));
        }
    }

    /** A Resource Graph row: every column present, types lower-cased, no systemData. */
    private static ObjectNode row(ObjectNode r) {
        String id = r.get("id").asText();
        String[] parts = id.split("/");
        boolean subscription = parts.length == 3;
        ObjectNode row = obj();
        for (String column : ROW_COLUMNS) {
            JsonNode value = switch (column) {
                case "type" -> J.node(r.get("type").asText().toLowerCase(Locale.ROOT));
                case "tenantId" -> J.node(AzureEstate.TENANT);
                case "resourceGroup" -> J.node(subscription ? "" : parts[4].toLowerCase(Locale.ROOT));
                case "subscriptionId" -> J.node(parts[2]);
                case "kind", "location", "managedBy" -> r.has(column) ? r.get(column) : J.node("");
                default -> r.has(column) ? r.get(column) : J.node(null);
            };
            row.set(column, value);
        }
        return row;
    }
}
