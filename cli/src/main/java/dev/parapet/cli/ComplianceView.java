package dev.parapet.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.parapet.core.compliance.RequirementResult;
import dev.parapet.core.compliance.Standard;
import dev.parapet.core.compliance.StandardResult;
import dev.parapet.core.ingest.InputProblem;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.ResourceRef;
import dev.parapet.core.report.JsonReport;
import dev.parapet.core.report.Table;
import dev.parapet.core.rules.RuleProblem;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** One standard's result as a terminal table or JSON (docs/CLI.md). */
final class ComplianceView {
    static final String MANUAL = "MANUAL";
    private static final int FAILING_SHOWN = 20;

    private final Standard standard;
    private final StandardResult result;

    ComplianceView(Standard standard, StandardResult result) {
        this.standard = standard;
        this.result = result;
    }

    /** Where the findings came from: assessed inputs, or a store's current findings. */
    record Source(String kind, String store, int resources, int findings) {
        static Source inputs(int resources, int findings) {
            return new Source("inputs", null, resources, findings);
        }

        static Source store(String maskedUrl, int findings) {
            return new Source("store", maskedUrl, -1, findings);
        }
    }

    /** PASSED, FAILED, NOT ASSESSED, or MANUAL for a requirement a person must judge. */
    static String status(RequirementResult r) {
        if (RequirementResult.NOT_ASSESSED.equals(r.status()) && "manual".equals(r.reason())) {
            return MANUAL;
        }
        return r.status().replace('_', ' ');
    }

    /** Requirements per displayed status, in the order passed, failed, not assessed, manual, then any other. */
    Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>(Comparator.comparingInt(ComplianceView::rank)
                .thenComparing(s -> s));
        List.of("PASSED", "FAILED", "NOT ASSESSED", MANUAL).forEach(s -> counts.put(s, 0));
        result.requirements().forEach(r -> counts.merge(status(r), 1, Integer::sum));
        return counts;
    }

    private static int rank(String status) {
        int i = List.of("PASSED", "FAILED", "NOT ASSESSED", MANUAL).indexOf(status);
        return i < 0 ? 99 : i;
    }

    void writeTable(OutputStream target) {
        PrintStream out = new PrintStream(target, false, StandardCharsets.UTF_8);
        out.printf(Locale.ROOT, "%s %s (%s): %d requirements%n", standard.title(), standard.version(), standard.id(),
                result.requirements().size());
        out.println(counts().entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        Map<String, Integer> reasons = new TreeMap<>();
        result.requirements().stream().filter(r -> status(r).equals("NOT ASSESSED"))
                .forEach(r -> reasons.merge(kindOf(r.reason()), 1, Integer::sum));
        if (!reasons.isEmpty()) {
            out.println("not assessed: " + reasons.entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
        }
        out.println();
        Table t = new Table("requirement", "status", "section", "rules", "detail");
        for (RequirementResult r : result.requirements()) {
            t.row(r.id(), status(r), r.section(), rules(r.rules()), detail(r));
        }
        t.print(out);
        writeFailing(out);
        out.flush();
    }

    /** "not assessable: needs log contents" counts as "not assessable": the table row gives the whole reason. */
    private static String kindOf(String reason) {
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }

    private void writeFailing(PrintStream out) {
        List<RequirementResult> failed = result.requirements().stream()
                .filter(r -> RequirementResult.FAILED.equals(r.status())).toList();
        if (failed.isEmpty()) {
            return;
        }
        out.println();
        out.println("Failing resources");
        Table t = new Table("requirement", "resource", "type", "account", "region");
        int hidden = 0;
        for (RequirementResult r : failed) {
            List<ResourceRef> failing = r.failing();
            for (ResourceRef ref : failing.subList(0, Math.min(FAILING_SHOWN, failing.size()))) {
                t.row(r.id(), ref.id(), ref.type(), ref.account(), ref.region());
            }
            hidden += Math.max(0, failing.size() - FAILING_SHOWN);
        }
        t.print(out);
        if (hidden > 0) {
            out.printf(Locale.ROOT, "... and %d more (--format json lists every failing resource)%n", hidden);
        }
    }

    private static String rules(List<String> rules) {
        if (rules.isEmpty()) {
            return "-";
        }
        return rules.size() == 1 ? rules.get(0) : rules.get(0) + " +" + (rules.size() - 1);
    }

    /** The evidence behind the status: never a pass without passing findings. */
    private static String detail(RequirementResult r) {
        String status = status(r);
        return switch (status) {
            case "PASSED" -> plural(r.passed(), "passing finding");
            case "FAILED" -> plural(r.failing().size(), "failing resource") + ", " + plural(r.passed(), "passing finding");
            case MANUAL -> "a person must judge it";
            default -> r.reason() + (r.errors() > 0 ? " (" + plural(r.errors(), "finding") + " ERROR)" : "");
        };
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    void writeJson(OutputStream target, Source source, List<InputProblem> inputProblems,
                   List<RuleProblem> ruleProblems) throws IOException {
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(target)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("schemaVersion", JsonReport.SCHEMA_VERSION);
            g.writeObjectFieldStart("source");
            g.writeStringField("kind", source.kind());
            if (source.store() != null) {
                g.writeStringField("store", source.store());
            } else {
                g.writeNumberField("resources", source.resources());
            }
            g.writeNumberField("findings", source.findings());
            JsonReport.writeProblems(g, inputProblems, ruleProblems);
            g.writeEndObject();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("requirements", result.requirements().size());
            for (Map.Entry<String, Integer> e : counts().entrySet()) {
                g.writeNumberField(camel(e.getKey()), e.getValue());
            }
            g.writeEndObject();
            g.writeFieldName("standard");
            JsonReport.writeStandard(g, result, true);
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    /** "NOT ASSESSED" → "notAssessed". */
    private static String camel(String status) {
        String[] words = status.toLowerCase(Locale.ROOT).split(" ");
        StringBuilder b = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            b.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return b.toString();
    }
}
