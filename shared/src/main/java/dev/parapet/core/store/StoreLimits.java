package dev.parapet.core.store;

import dev.parapet.core.engine.Assessment;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Resource;
import dev.parapet.core.model.ResourceRef;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the store accepts (docs/STORE.md, "Bad data"). Every write is checked before any SQL runs and refused whole
 * with an {@link InvalidDataException} naming each bad item; evidence over the limit is kept, truncated and flagged,
 * because losing a failing finding is worse than losing part of its evidence.
 */
public final class StoreLimits {
    /**
     * UTF-8 bytes of a resource id. With the provider and type beside it in an index entry, it stays under
     * PostgreSQL's b-tree entry limit (2704 bytes); ARNs, ARM ids and asset names are far shorter.
     */
    public static final int RESOURCE_ID_BYTES = 2048;
    /** UTF-8 bytes of a rule id, scan id, resource type, account, region or score scope. */
    public static final int NAME_BYTES = 256;
    /** UTF-8 bytes of one finding's evidence as JSON; larger evidence is replaced by a truncated preview. */
    public static final int EVIDENCE_BYTES = 64 * 1024;

    /** Evidence keys of a truncated evidence: true, the original size in bytes, and the JSON text's beginning. */
    public static final String TRUNCATED = "_truncated";
    public static final String ORIGINAL_BYTES = "_originalBytes";
    public static final String PREVIEW = "_preview";

    /** Room left in the limit for the marker keys and the escaping of the preview. */
    private static final int MARKER_ROOM = 1024;
    private static final int SHOWN_CHARS = 120;

    private StoreLimits() {
    }

    /** Refuses the assessment if any resource, deletion or finding in it is invalid. */
    static void check(String what, Assessment a) {
        List<String> problems = new ArrayList<>();
        for (Resource r : a.resources()) {
            checkRef("resource " + show(r.id()), r.ref(), problems);
        }
        for (Resource r : a.deleted()) {
            checkRef("deleted resource " + show(r.id()), r.ref(), problems);
        }
        for (Finding f : a.findings()) {
            checkFinding(f, problems);
        }
        refuseIf(what, problems);
    }

    static void checkScan(Scan scan) {
        List<String> problems = new ArrayList<>();
        name("scan id", scan.id(), true, problems, "scan " + show(scan.id()));
        if (scan.startedAt() == null) {
            problems.add("scan " + show(scan.id()) + ": start time is missing");
        }
        text("trigger", scan.trigger(), problems, "scan " + show(scan.id()));
        for (ScanScope s : scan.scopes()) {
            String item = "scan " + show(scan.id()) + " scope " + (s == null ? "(null)" : s.provider() + "/" + show(s.account()));
            if (s == null || s.provider() == null) {
                problems.add(item + ": provider is missing");
                continue;
            }
            name("account", s.account(), true, problems, item);
            name("region", s.region(), false, problems, item);
        }
        refuseIf("scan " + show(scan.id()), problems);
    }

    static void checkScores(String scanId, List<ScoreSnapshot> scores) {
        List<String> problems = new ArrayList<>();
        name("scan id", scanId, true, problems, "scores of scan " + show(scanId));
        for (ScoreSnapshot s : scores) {
            String item = s == null ? "score (null)" : "score " + show(s.scopeKind()) + "/" + show(s.scopeId());
            if (s == null) {
                problems.add(item + ": missing");
                continue;
            }
            name("scope kind", s.scopeKind(), true, problems, item);
            name("scope id", s.scopeId(), false, problems, item);
            if (!Double.isFinite(s.score()) || !Double.isFinite(s.maxScore())
                    || (s.percent() != null && !Double.isFinite(s.percent()))) {
                problems.add(item + ": score, max score and percent must be finite numbers");
            }
        }
        refuseIf("scores of scan " + show(scanId), problems);
    }

    private static void checkFinding(Finding f, List<String> problems) {
        String resourceId = f.resource() == null ? null : f.resource().id();
        String item = "finding " + show(f.ruleId()) + " on " + show(resourceId);
        name("rule id", f.ruleId(), true, problems, item);
        if (f.resource() == null) {
            problems.add(item + ": resource is missing");
        } else {
            checkRef(item, f.resource(), problems);
        }
        if (f.status() == null) {
            problems.add(item + ": status is missing (expected PASS, FAIL or ERROR)");
        }
        if (f.severity() == null) {
            problems.add(item + ": severity is missing (expected CRITICAL, HIGH, MEDIUM, LOW or INFORMATIONAL)");
        }
        if (f.observedAt() == null) {
            problems.add(item + ": observation time is missing; the store orders writes by it");
        }
        if (f.title() == null) {
            problems.add(item + ": title is missing");
        }
        text("title", f.title(), problems, item);
        text("control", f.control(), problems, item);
    }

    private static void checkRef(String item, ResourceRef r, List<String> problems) {
        if (r.provider() == null) {
            problems.add(item + ": provider is missing (expected aws, azure or gcp)");
        }
        if (r.id() == null || r.id().isBlank()) {
            problems.add(item + ": resource id is empty");
        } else {
            limit("resource id", r.id(), RESOURCE_ID_BYTES, problems, item);
        }
        name("resource type", r.type(), true, problems, item);
        name("account", r.account(), false, problems, item);
        name("region", r.region(), false, problems, item);
        text("resource name", r.name(), problems, item);
    }

    /** An identifier: no control characters, at most NAME_BYTES, present when required. */
    private static void name(String field, String value, boolean required, List<String> problems, String item) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(item + ": " + field + " is empty");
            }
            return;
        }
        limit(field, value, NAME_BYTES, problems, item);
    }

    private static void limit(String field, String value, int maxBytes, List<String> problems, String item) {
        int bytes = utf8Length(value);
        if (bytes > maxBytes) {
            problems.add(item + ": " + field + " is " + bytes + " bytes long (at most " + maxBytes + ")");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                problems.add(item + ": " + field + " holds control character U+"
                        + String.format("%04X", (int) value.charAt(i)) + " at index " + i);
                return;
            }
        }
    }

    /** Free text: anything but NUL, which PostgreSQL cannot store in text. */
    private static void text(String field, String value, List<String> problems, String item) {
        if (value != null && value.indexOf('\0') >= 0) {
            problems.add(item + ": " + field + " holds a NUL character");
        }
    }

    private static void refuseIf(String what, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidDataException(what, problems);
        }
    }

    /** A value for messages: control characters escaped, long values cut. */
    static String show(String value) {
        if (value == null) {
            return "(null)";
        }
        StringBuilder b = new StringBuilder("'");
        int n = Math.min(value.length(), SHOWN_CHARS);
        for (int i = 0; i < n; i++) {
            char ch = value.charAt(i);
            b.append(Character.isISOControl(ch) ? String.format("\\u%04X", (int) ch) : String.valueOf(ch));
        }
        b.append('\'');
        if (value.length() > n) {
            b.append("...(").append(value.length()).append(" chars)");
        }
        return b.toString();
    }

    /** The evidence as stored: its JSON, or a flagged, truncated preview of it when over {@link #EVIDENCE_BYTES}. */
    static String evidenceJson(Map<String, Object> evidence) {
        String json = FindingRow.toJson(evidence == null ? Map.of() : evidence);
        if (json.length() <= EVIDENCE_BYTES / 3) {
            return json; // even at 3 bytes a char it fits
        }
        int bytes = utf8Length(json);
        if (bytes <= EVIDENCE_BYTES) {
            return json;
        }
        int keep = EVIDENCE_BYTES - MARKER_ROOM;
        while (true) {
            Map<String, Object> marker = new LinkedHashMap<>();
            marker.put(TRUNCATED, true);
            marker.put(ORIGINAL_BYTES, bytes);
            marker.put(PREVIEW, prefix(json, keep));
            String out = FindingRow.toJson(marker);
            int size = utf8Length(out);
            if (size <= EVIDENCE_BYTES) {
                return out;
            }
            // escaping and multi-byte characters made it larger than the characters kept: shrink in proportion
            keep = (int) ((long) keep * (EVIDENCE_BYTES - MARKER_ROOM) / size);
        }
    }

    private static String prefix(String s, int chars) {
        int end = Math.min(chars, s.length());
        if (end > 0 && end < s.length() && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--; // never split a surrogate pair
        }
        return s.substring(0, end);
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
