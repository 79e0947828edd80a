package dev.parapet.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Cloud Asset Inventory returns one content type per ListAssets / ExportAssets call, so an asset listed once with
 * contentType RESOURCE and once with IAM_POLICY arrives as two documents with one name: one carries "resource", the
 * other "iamPolicy". Rules read both from one document, and a batch keeps one document per id, so the halves are
 * joined here: each top-level field comes from the most recently observed document that has it.
 * <p>
 * Run by {@link ResourceParser#parse} (within one document) and {@link InputReader} (within a file and across all
 * inputs); callers that parse documents one by one and combine them must call {@link #merge(ParseResult)} on the
 * combined result. Deleted assets are left alone: a deletion is a state of its own, ordered by time as usual.
 * One pass over the resources, so linear in their number.
 */
public final class GcpAssetMerger {
    private static final Comparator<Resource> OLDEST_FIRST =
            Comparator.comparing(Resource::observedAt, Comparator.nullsFirst(Comparator.naturalOrder()));

    private GcpAssetMerger() {
    }

    public static ParseResult merge(ParseResult parsed) {
        List<Resource> merged = merge(parsed.resources());
        return merged == parsed.resources() ? parsed : new ParseResult(merged, parsed.problems());
    }

    /** The resources with every group of live GCP assets of one name joined into one, at the first one's place. */
    public static List<Resource> merge(List<Resource> resources) {
        Map<String, List<Resource>> byName = new HashMap<>();
        boolean duplicates = false;
        for (Resource r : resources) {
            if (mergeable(r)) {
                List<Resource> group = byName.computeIfAbsent(r.id(), k -> new ArrayList<>(1));
                group.add(r);
                duplicates |= group.size() > 1;
            }
        }
        if (!duplicates) {
            return resources;
        }
        List<Resource> out = new ArrayList<>(resources.size());
        for (Resource r : resources) {
            List<Resource> group = mergeable(r) ? byName.get(r.id()) : null;
            if (group == null || group.size() == 1) {
                out.add(r);
            } else if (group.get(0) == r) {
                out.add(join(group));
            }
        }
        return out;
    }

    private static boolean mergeable(Resource r) {
        return r.provider() == Provider.GCP && !r.deleted() && r.document().isObject();
    }

    /** Fields of the newest document win; older ones only fill in fields it lacks (ties: later in the input wins). */
    private static Resource join(List<Resource> group) {
        List<Resource> byTime = new ArrayList<>(group);
        byTime.sort(OLDEST_FIRST); // stable, so among equal times the later one in the input counts as newer
        Resource newest = byTime.get(byTime.size() - 1);
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.setAll((ObjectNode) newest.document());
        for (int i = byTime.size() - 2; i >= 0; i--) {
            Iterator<Map.Entry<String, JsonNode>> fields = byTime.get(i).document().fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!doc.has(field.getKey())) {
                    doc.set(field.getKey(), field.getValue());
                }
            }
        }
        Instant observed = newest.observedAt();
        return GcpAssets.toResource(doc, observed, false);
    }
}
