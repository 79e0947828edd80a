package dev.parapet.cli;

import dev.parapet.core.json.Json;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Status;
import dev.parapet.core.rules.RuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code parapet rules test DIR}: run each user rule on its example documents and report mismatches. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run each rule of the folders on its example documents and report every mismatch: rule, "
                + "example, expected and actual status, evidence.",
                "Examples of DIR/x.yaml live in DIR/x/ (one rule in the file) or DIR/x/<rule-id>/ (several): "
                        + "pass*.json, fail*.json, error*.json (also .jsonl, .ndjson). See docs/writing-rules.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every example gave the status its name says", "1:a mismatch (or, with --require-examples, "
                + "a rule without a pass and a fail example)", "2:a rule, standard or example file could not be read",
                "3:usage error"})
final class RulesTestCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Rule folders, as given to --rules.")
    List<Path> folders = new ArrayList<>();

    @Option(names = "--standards", paramLabel = "DIR", description = "Folder of your own standards the rules cite (repeatable).")
    List<Path> standardFolders = new ArrayList<>();

    @Option(names = "--now", paramLabel = "TIME", description = "The time rules that judge ages see, e.g. "
            + "2026-06-01T00:00:00Z (default: the current time), so that examples do not go stale.")
    Instant now;

    @Option(names = "--require-examples", description = "A rule without at least one pass and one fail example "
            + "counts as a mismatch.")
    boolean requireExamples;

    @Override
    public Integer call() {
        RuleSources sources = new RuleSources();
        sources.standardFolders = standardFolders;
        RuleSources.Catalog catalog = sources.load(false, folders, System.err);
        RuleSet rules = catalog.rules().rules();
        List<String> compile = rules.compileAll().stream().map(Object::toString).toList();
        compile.forEach(p -> System.err.println("parapet: rule error: " + p));
        RuleExamples.Found found = RuleExamples.find(rules);
        found.problems().forEach(p -> System.err.println("parapet: example error: " + p));
        Clock clock = now == null ? Clock.systemUTC() : Clock.fixed(now, ZoneOffset.UTC);

        int problems = catalog.rules().problems().size() + compile.size() + found.problems().size();
        int mismatches = 0;
        Map<String, Set<Status>> covered = new LinkedHashMap<>();
        rules.all().forEach(r -> covered.put(r.id(), EnumSet.noneOf(Status.class)));
        for (RuleExamples.Example example : found.examples()) {
            RuleExamples.Outcome outcome = RuleExamples.run(example, clock);
            covered.get(example.rule().id()).add(example.expected());
            if (!outcome.problems().isEmpty()) {
                outcome.problems().forEach(p -> System.err.println("parapet: example error: " + p));
                problems += outcome.problems().size();
            } else if (outcome.matches()) {
                System.out.printf(Locale.ROOT, "ok        %s  %s%n", example.rule().id(), example.file());
            } else {
                mismatches++;
                printMismatch(outcome);
            }
        }
        mismatches += reportCoverage(covered);
        System.out.printf(Locale.ROOT, "%d rules, %d examples: %d mismatch(es), %d problem(s)%n", rules.size(),
                found.examples().size(), mismatches, problems);
        if (problems > 0) {
            return ExitCodes.BAD_INPUT;
        }
        return mismatches > 0 ? ExitCodes.FAILED_THRESHOLD : ExitCodes.OK;
    }

    private static void printMismatch(RuleExamples.Outcome o) {
        RuleExamples.Example e = o.example();
        String actual = o.findings().isEmpty() ? "no finding"
                : o.findings().stream().map(f -> f.status().name()).distinct().sorted().collect(Collectors.joining(", "));
        System.out.printf(Locale.ROOT, "MISMATCH  %s  %s: expected %s, got %s%n", e.rule().id(), e.file(),
                e.expected(), actual);
        if (o.findings().isEmpty()) {
            System.out.printf(Locale.ROOT, "          the file holds no resource of type %s, or 'applies' is false for it%n",
                    String.join(" / ", e.rule().rule().resourceTypes()));
        }
        for (Finding f : o.mismatched()) {
            System.out.printf(Locale.ROOT, "          %s %s evidence %s%n", f.resource().id(), f.status(), evidence(f));
        }
    }

    private static String evidence(Finding f) {
        try {
            return Json.MAPPER.writeValueAsString(f.evidence());
        } catch (Exception e) {
            return String.valueOf(f.evidence());
        }
    }

    /** Rules without examples are named; with --require-examples, each lacking a pass or fail example is a mismatch. */
    private int reportCoverage(Map<String, Set<Status>> covered) {
        int missing = 0;
        for (Map.Entry<String, Set<Status>> e : covered.entrySet()) {
            List<String> lacking = new ArrayList<>();
            for (Status s : List.of(Status.PASS, Status.FAIL)) {
                if (!e.getValue().contains(s)) {
                    lacking.add(s.name().toLowerCase(Locale.ROOT));
                }
            }
            if (lacking.isEmpty()) {
                continue;
            }
            String message = e.getKey() + " has no " + String.join(" or ", lacking) + " example";
            if (requireExamples) {
                missing++;
                System.out.println("MISMATCH  " + message);
            } else {
                System.out.println("untested  " + message);
            }
        }
        return missing;
    }
}
