package dev.parapet.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.parapet.core.compliance.RequirementResult;
import dev.parapet.core.compliance.StandardResult;
import dev.parapet.core.ingest.InputProblem;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.ResourceRef;
import dev.parapet.core.rules.RuleProblem;
import dev.parapet.core.run.BatchResult;
import dev.parapet.core.score.ControlScore;
import dev.parapet.core.score.FindingCounts;
import dev.parapet.core.score.Recommendation;
import dev.parapet.core.score.ScopeScore;
import dev.parapet.core.score.ScoreReport;
import dev.parapet.core.store.Scan;
import dev.parapet.core.store.ScanScope;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Writes an assessment as the documented JSON (docs/JSON-OUTPUT.md). Field names are written explicitly, not
 * derived from Java types, so that refactoring never changes the format other tools read.
 */
public final class JsonReport {
    public static final String SCHEMA_VERSION = "1";

    private JsonReport() {
    }

    public static void write(BatchResult result, List<InputProblem> inputProblems, List<RuleProblem> ruleProblems,
                             OutputStream out) throws IOException {
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("schemaVersion", SCHEMA_VERSION);
            writeScan(g, result, inputProblems, ruleProblems);
            g.writeArrayFieldStart("findings");
            for (Finding f : result.assessment().findings()) {
                writeFinding(g, f);
            }
            g.writeEndArray();
            writeScore(g, result.score());
            g.writeArrayFieldStart("compliance");
            for (StandardResult s : result.compliance()) {
                writeStandard(g, s);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void writeScan(JsonGenerator g, BatchResult result, List<InputProblem> inputProblems,
                                  List<RuleProblem> ruleProblems) throws IOException {
        Scan scan = result.scan();
        g.writeObjectFieldStart("scan");
        g.writeStringField("id", scan.id());
        g.writeStringField("trigger", scan.trigger());
        g.writeStringField("state", scan.state());
        g.writeStringField("startedAt", String.valueOf(scan.startedAt()));
        g.writeStringField("finishedAt", scan.finishedAt() == null ? null : scan.finishedAt().toString());
        g.writeNumberField("resources", result.assessment().resources().size());
        g.writeNumberField("deletedResources", result.assessment().deleted().size());
        g.writeNumberField("findings", result.assessment().findings().size());
        g.writeNumberField("evaluations", result.assessment().evaluations());
        writeScanScopes(g, scan.scopes());
        writeProblems(g, inputProblems, ruleProblems);
        g.writeEndObject();
    }

    /** The "inputProblems" and "ruleProblems" arrays, as fields of the current object. */
    public static void writeProblems(JsonGenerator g, List<InputProblem> inputProblems, List<RuleProblem> ruleProblems)
            throws IOException {
        g.writeArrayFieldStart("inputProblems");
        for (InputProblem p : inputProblems) {
            g.writeStartObject();
            g.writeStringField("source", p.source());
            g.writeStringField("reason", p.reason());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("ruleProblems");
        for (RuleProblem p : ruleProblems) {
            g.writeStartObject();
            g.writeStringField("file", p.file());
            g.writeStringField("ruleId", p.ruleId());
            g.writeStringField("message", p.message());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The "score" object: overall, byProvider, byAccount and recommendations. */
    static void writeScore(JsonGenerator g, ScoreReport score) throws IOException {
        g.writeObjectFieldStart("score");
        g.writeFieldName("overall");
        writeScope(g, score.overall());
        writeScopes(g, "byProvider", score.byProvider());
        writeScopes(g, "byAccount", score.byAccount());
        g.writeArrayFieldStart("recommendations");
        for (Recommendation r : score.recommendations()) {
            writeRecommendation(g, r);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeScopes(JsonGenerator g, String field, List<ScopeScore> scopes) throws IOException {
        g.writeArrayFieldStart(field);
        for (ScopeScore s : scopes) {
            writeScope(g, s);
        }
        g.writeEndArray();
    }

    static void writeScanScopes(JsonGenerator g, List<ScanScope> scopes) throws IOException {
        g.writeArrayFieldStart("scopes");
        for (ScanScope s : scopes) {
            g.writeStartObject();
            g.writeStringField("provider", s.provider().key());
            g.writeStringField("account", s.account());
            g.writeStringField("region", s.region());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    public static void writeFinding(JsonGenerator g, Finding f) throws IOException {
        g.writeStartObject();
        writeFindingFields(g, f);
        g.writeEndObject();
    }

    /** The fields of a finding, for writers that add their own (the scoring report adds lifecycle fields). */
    static void writeFindingFields(JsonGenerator g, Finding f) throws IOException {
        g.writeStringField("ruleId", f.ruleId());
        g.writeStringField("title", f.title());
        g.writeStringField("status", f.status().name());
        g.writeStringField("severity", f.severity().name());
        g.writeFieldName("resource");
        writeResource(g, f.resource());
        g.writeStringField("control", f.control());
        g.writeObjectFieldStart("compliance");
        for (Map.Entry<String, List<String>> e : f.compliance().entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            for (String id : e.getValue()) {
                g.writeString(id);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeFieldName("evidence");
        Json.MAPPER.writeValue(g, f.evidence());
        g.writeStringField("observedAt", f.observedAt() == null ? null : f.observedAt().toString());
    }

    public static void writeResource(JsonGenerator g, ResourceRef r) throws IOException {
        g.writeStartObject();
        g.writeStringField("provider", r.provider().key());
        g.writeStringField("id", r.id());
        g.writeStringField("type", r.type());
        g.writeStringField("account", r.account());
        g.writeStringField("region", r.region());
        g.writeStringField("name", r.name());
        g.writeEndObject();
    }

    static void writeScope(JsonGenerator g, ScopeScore s) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", s.kind());
        g.writeStringField("id", s.id());
        writeRounded(g, "percent", s.percent());
        writeRounded(g, "score", s.score());
        writeRounded(g, "maxScore", s.maxScore());
        FindingCounts c = s.counts();
        g.writeObjectFieldStart("findings");
        g.writeNumberField("pass", c.pass());
        g.writeNumberField("fail", c.fail());
        g.writeNumberField("error", c.error());
        g.writeObjectFieldStart("failBySeverity");
        g.writeNumberField("CRITICAL", c.critical());
        g.writeNumberField("HIGH", c.high());
        g.writeNumberField("MEDIUM", c.medium());
        g.writeNumberField("LOW", c.low());
        g.writeNumberField("INFORMATIONAL", c.informational());
        g.writeEndObject();
        g.writeEndObject();
        g.writeArrayFieldStart("controls");
        for (ControlScore cs : s.controls()) {
            g.writeStartObject();
            g.writeStringField("id", cs.controlId());
            g.writeStringField("title", cs.title());
            writeRounded(g, "maxScore", cs.maxScore());
            writeRounded(g, "score", cs.score());
            writeRounded(g, "potentialIncrease", cs.potentialIncrease());
            g.writeNumberField("healthyResources", cs.healthy());
            g.writeNumberField("unhealthyResources", cs.unhealthy());
            g.writeNumberField("undecidedResources", cs.undecided());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void writeRecommendation(JsonGenerator g, Recommendation r) throws IOException {
        g.writeStartObject();
        g.writeStringField("ruleId", r.ruleId());
        g.writeStringField("title", r.title());
        g.writeStringField("severity", r.severity().name());
        g.writeStringField("control", r.controlId());
        g.writeNumberField("unhealthyResources", r.unhealthyResources());
        writeRounded(g, "potentialIncrease", r.potentialIncrease());
        writeRounded(g, "potentialIncreasePercent", r.potentialIncreasePercent());
        g.writeStringField("remediation", r.remediation());
        g.writeArrayFieldStart("affected");
        for (ResourceRef ref : r.affected()) {
            writeResource(g, ref);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeStandard(JsonGenerator g, StandardResult s) throws IOException {
        writeStandard(g, s, false);
    }

    /** @param withFailing also list each requirement's failing resources (the scoring report's drill-down) */
    public static void writeStandard(JsonGenerator g, StandardResult s, boolean withFailing) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", s.id());
        g.writeStringField("title", s.title());
        g.writeStringField("version", s.version());
        g.writeNumberField("passed", s.passed());
        g.writeNumberField("failed", s.failed());
        g.writeNumberField("notAssessed", s.notAssessed());
        g.writeArrayFieldStart("requirements");
        for (RequirementResult r : s.requirements()) {
            g.writeStartObject();
            g.writeStringField("id", r.id());
            g.writeStringField("section", r.section());
            g.writeStringField("status", r.status());
            if (!r.reason().isEmpty()) {
                g.writeStringField("reason", r.reason());
            }
            g.writeArrayFieldStart("rules");
            for (String rule : r.rules()) {
                g.writeString(rule);
            }
            g.writeEndArray();
            g.writeNumberField("passed", r.passed());
            g.writeNumberField("failed", r.failed());
            g.writeNumberField("errors", r.errors());
            if (withFailing) {
                g.writeArrayFieldStart("failing");
                for (ResourceRef ref : r.failing()) {
                    writeResource(g, ref);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Scores to two decimals, as Defender shows them (0.3077 → 0.31). */
    static void writeRounded(JsonGenerator g, String field, Double value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, Numbers.round2(value));
        }
    }
}
