package dev.parapet.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.ResourceRef;
import dev.parapet.core.store.StoredFinding;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report's findings as CSV per RFC 4180: a header row, CRLF line ends, and a field quoted (its quotes doubled)
 * when it holds a comma, a double quote, CR or LF. UTF-8 without a byte-order mark. Values are written as they are:
 * a spreadsheet user should import the file as text rather than open it, since a value may begin with "=".
 */
public final class FindingsCsv {
    public static final List<String> COLUMNS = List.of("key", "provider", "account", "region", "resource_type",
            "resource_id", "resource_name", "rule_id", "title", "severity", "status", "state", "control", "compliance",
            "first_seen", "last_seen", "resolved_at", "resolution", "observed_at", "evidence");

    private FindingsCsv() {
    }

    public static void write(ReportModel m, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        record(w, COLUMNS);
        for (StoredFinding sf : m.findings()) {
            Finding f = sf.finding();
            ResourceRef r = f.resource();
            record(w, List.of(sf.key(), r.provider().key(), r.account(), r.region(), r.type(), r.id(), r.name(),
                    f.ruleId(), f.title(), f.severity().name(), f.status().name(), nz(sf.state()), nz(f.control()),
                    compliance(f.compliance()), time(sf.firstSeen()), time(sf.lastSeen()), time(sf.resolvedAt()),
                    nz(sf.resolution()), time(f.observedAt()), evidence(f.evidence())));
        }
        w.flush();
    }

    static void record(Writer w, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(field(fields.get(i)));
        }
        w.write("\r\n");
    }

    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** "STANDARD:requirement" pairs separated by ";", in the finding's order. */
    static String compliance(Map<String, List<String>> compliance) {
        List<String> out = new ArrayList<>();
        compliance.forEach((standard, ids) -> ids.forEach(id -> out.add(standard + ":" + id)));
        return String.join(";", out);
    }

    private static String evidence(Map<String, Object> evidence) throws JsonProcessingException {
        return evidence == null || evidence.isEmpty() ? "" : Json.MAPPER.writeValueAsString(evidence);
    }

    private static String time(Instant t) {
        return t == null ? "" : t.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
