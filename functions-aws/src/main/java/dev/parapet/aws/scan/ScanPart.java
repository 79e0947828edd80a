package dev.parapet.aws.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.json.Json;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One fan-out message: collect these types in these regions of one account, as part {@code index} of
 * {@code count} of a scan.
 *
 * @param roleArn role to assume in the account (hub mode), or null for the function's own account
 */
public record ScanPart(String scanId, String account, String roleArn, List<String> regions, String group,
                       Set<String> types, int index, int count, Instant startedAt) {

    public ScanPart {
        regions = List.copyOf(regions);
        types = Set.copyOf(new TreeSet<>(types));
    }

    /** Stable id of the part within its scan: what progress tracking counts. */
    public String partId() {
        return index + "/" + count + ":" + group + "@" + String.join(",", regions);
    }

    public String toJson() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("scanId", scanId);
        n.put("account", account);
        if (roleArn != null) {
            n.put("roleArn", roleArn);
        }
        regions.forEach(n.putArray("regions")::add);
        n.put("group", group);
        new TreeSet<>(types).forEach(n.putArray("types")::add);
        n.put("index", index);
        n.put("count", count);
        n.put("startedAt", startedAt.toString());
        return n.toString();
    }

    /** Reads a part message; any missing or mistyped field is an error naming it. */
    public static ScanPart fromJson(String text) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("scan part message is not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("scan part message is not a JSON object");
        }
        String account = text(n, "account");
        if (!account.matches("\\d{12}")) {
            throw new IllegalArgumentException("scan part field 'account' is not a 12-digit account id: " + account);
        }
        Instant started;
        try {
            started = Instant.parse(text(n, "startedAt"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("scan part field 'startedAt' is not an ISO-8601 instant");
        }
        int index = integer(n, "index");
        int count = integer(n, "count");
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("scan part index " + index + " is outside 0.." + (count - 1));
        }
        JsonNode role = n.get("roleArn");
        return new ScanPart(text(n, "scanId"), account, role == null || role.isNull() ? null : role.asText(),
                strings(n, "regions"), text(n, "group"), new TreeSet<>(strings(n, "types")), index, count, started);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("scan part field '" + field + "' is missing or not a string");
        }
        return v.asText();
    }

    private static int integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isInt()) {
            throw new IllegalArgumentException("scan part field '" + field + "' is missing or not an integer");
        }
        return v.asInt();
    }

    private static List<String> strings(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw new IllegalArgumentException("scan part field '" + field + "' is missing or not a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new IllegalArgumentException("scan part field '" + field + "' holds a non-string value");
            }
            out.add(e.asText());
        }
        return out;
    }
}
