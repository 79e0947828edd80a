package dev.parapet.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.parapet.core.compliance.StandardResult;
import dev.parapet.core.json.Json;
import dev.parapet.core.store.Scan;
import dev.parapet.core.store.ScoreSnapshot;
import dev.parapet.core.store.StoredFinding;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The scoring report as JSON (docs/REPORTS.md). Score, recommendation, compliance and finding objects have the
 * shapes of the assessment JSON (docs/JSON-OUTPUT.md), written by the same code; field names are explicit so that a
 * refactoring never changes the format.
 */
public final class ReportJson {
    public static final String SCHEMA = "parapet-report";
    public static final String SCHEMA_VERSION = "1";

    private ReportJson() {
    }

    public static void write(ReportModel m, OutputStream out) throws IOException {
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA);
            g.writeStringField("schemaVersion", SCHEMA_VERSION);
            g.writeStringField("generatedAt", m.generatedAt().toString());
            g.writeArrayFieldStart("scans");
            for (Scan s : m.scans()) {
                writeScan(g, s);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("coverage");
            g.writeNumberField("findings", m.findings().size());
            g.writeNumberField("resources", m.resourceCount());
            g.writeNumberField("outOfScope", m.outOfScope());
            g.writeEndObject();
            JsonReport.writeScore(g, m.score());
            writeChanges(g, m.changes());
            writeHistory(g, m.history());
            g.writeArrayFieldStart("compliance");
            for (StandardResult s : m.compliance()) {
                JsonReport.writeStandard(g, s, true);
            }
            g.writeEndArray();
            writeDelta(g, m.delta());
            g.writeArrayFieldStart("findings");
            for (StoredFinding f : m.findings()) {
                g.writeStartObject();
                g.writeStringField("key", f.key());
                writeLifecycle(g, f);
                JsonReport.writeFindingFields(g, f.finding());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void writeScan(JsonGenerator g, Scan s) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", s.id());
        g.writeStringField("trigger", s.trigger());
        g.writeStringField("state", s.state());
        g.writeStringField("startedAt", time(s.startedAt()));
        g.writeStringField("finishedAt", time(s.finishedAt()));
        JsonReport.writeScanScopes(g, s.scopes());
        g.writeEndObject();
    }

    private static void writeChanges(JsonGenerator g, List<ScoreChange> changes) throws IOException {
        g.writeArrayFieldStart("changes");
        for (ScoreChange c : changes) {
            g.writeStartObject();
            g.writeStringField("kind", c.kind());
            g.writeStringField("id", c.id());
            JsonReport.writeRounded(g, "percent", c.percent());
            JsonReport.writeRounded(g, "previousPercent", c.previousPercent());
            g.writeStringField("previousAt", time(c.previousAt()));
            JsonReport.writeRounded(g, "change", c.change());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeHistory(JsonGenerator g, List<ScoreSeries> history) throws IOException {
        g.writeArrayFieldStart("history");
        for (ScoreSeries s : history) {
            g.writeStartObject();
            g.writeStringField("kind", s.kind());
            g.writeStringField("id", s.id());
            g.writeArrayFieldStart("points");
            for (ScoreSnapshot p : s.points()) {
                g.writeStartObject();
                g.writeStringField("day", p.at().atOffset(ZoneOffset.UTC).toLocalDate().toString());
                g.writeStringField("at", p.at().toString());
                JsonReport.writeRounded(g, "percent", p.percent());
                JsonReport.writeRounded(g, "score", p.score());
                JsonReport.writeRounded(g, "maxScore", p.maxScore());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeDelta(JsonGenerator g, ReportDelta d) throws IOException {
        g.writeObjectFieldStart("delta");
        writeStrings(g, "baselineScanIds", d.baselineScanIds());
        writeStrings(g, "scanIds", d.scanIds());
        g.writeObjectFieldStart("counts");
        g.writeNumberField("new", d.newFailures().size());
        g.writeNumberField("fixed", d.fixed().size());
        g.writeNumberField("stillFailing", d.stillFailing().size());
        g.writeEndObject();
        writeRefs(g, "new", d.newFailures());
        writeRefs(g, "fixed", d.fixed());
        // Still-failing findings are current, so "findings" holds them in full: their keys are enough here.
        writeStrings(g, "stillFailing", d.stillFailing().stream().map(StoredFinding::key).toList());
        g.writeEndObject();
    }

    private static void writeRefs(JsonGenerator g, String field, List<StoredFinding> findings) throws IOException {
        g.writeArrayFieldStart(field);
        for (StoredFinding f : findings) {
            g.writeStartObject();
            g.writeStringField("key", f.key());
            g.writeStringField("ruleId", f.finding().ruleId());
            g.writeStringField("title", f.finding().title());
            g.writeStringField("severity", f.finding().severity().name());
            g.writeStringField("status", f.finding().status().name());
            g.writeFieldName("resource");
            JsonReport.writeResource(g, f.finding().resource());
            writeLifecycle(g, f);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeLifecycle(JsonGenerator g, StoredFinding f) throws IOException {
        g.writeStringField("state", f.state());
        g.writeStringField("firstSeen", time(f.firstSeen()));
        g.writeStringField("lastSeen", time(f.lastSeen()));
        g.writeStringField("resolvedAt", time(f.resolvedAt()));
        g.writeStringField("resolution", f.resolution());
        g.writeNumberField("reopenCount", f.reopenCount());
        g.writeStringField("lastScanId", f.lastScanId());
    }

    private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
