package dev.parapet.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.Predicate;

/** Looks up findings in a JSON report (docs/JSON-OUTPUT.md). */
final class ReportFindings {
    private ReportFindings() {
    }

    /** The first finding of {@code rule} on a resource whose id matches; fails the test when there is none. */
    static JsonNode finding(JsonNode report, String rule, Predicate<String> resourceId) {
        for (JsonNode f : report.path("findings")) {
            if (f.path("ruleId").asText().equals(rule) && resourceId.test(f.path("resource").path("id").asText())) {
                return f;
            }
        }
        throw new AssertionError("no finding of " + rule + " on the resource looked for");
    }
}
