package dev.parapet.cli;

import dev.parapet.core.compliance.Standards;
import dev.parapet.core.engine.Assessment;
import dev.parapet.core.engine.Engine;
import dev.parapet.core.ingest.InputProblem;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Resource;
import dev.parapet.core.model.Status;
import dev.parapet.core.report.JsonReport;
import dev.parapet.core.report.TextReport;
import dev.parapet.core.rules.RuleCatalog;
import dev.parapet.core.rules.RuleProblem;
import dev.parapet.core.run.BatchAssessor;
import dev.parapet.core.run.BatchResult;
import dev.parapet.core.score.ScoreCalculator;
import dev.parapet.core.score.SecurityControls;
import dev.parapet.core.store.ScanScope;
import dev.parapet.core.store.Store;
import dev.parapet.core.store.Stores;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** The steps every assessing command shares: load rules, assess, store, report, choose the exit code. */
final class RunSupport {
    private final AssessOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private final Progress progress;
    private Clock rulesClock = Clock.systemUTC();
    private Standards standards = Standards.builtIn();

    RunSupport(AssessOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
        this.progress = new Progress(err, options.quiet);
    }

    Progress progress() {
        return progress;
    }

    /** Rules that judge ages (key rotation, certificate expiry) see this time as {@code now}. */
    void judgeAgesAt(Clock clock) {
        this.rulesClock = clock;
    }

    RuleCatalog.Loaded loadRules() {
        RuleSources.Catalog catalog = options.rules.load(err);
        standards = catalog.standards();
        catalog.rules().overridden().forEach(o -> progress.say("rule overridden: " + o));
        return catalog.rules();
    }

    /** Opens the store named by --store or PARAPET_STORE_URL (or {@code fallback}); null when none is named. */
    Store openStore(String fallback) {
        String url = options.store;
        if (url == null || url.isBlank()) {
            url = System.getenv("PARAPET_STORE_URL");
        }
        if (url == null || url.isBlank()) {
            url = fallback;
        }
        return url == null || url.isBlank() ? null : Stores.open(url);
    }

    /**
     * Assesses, stores, writes the report and returns the exit code.
     *
     * @param scopes null: one complete scope per account seen; empty: a partial scan
     */
    int assessAndReport(List<Resource> resources, List<InputProblem> inputProblems, RuleCatalog.Loaded rules,
                        String trigger, List<ScanScope> scopes, Store store, TableWriter tableWriter) {
        return assessAndReport(resources, inputProblems, rules, trigger, scopes, store, tableWriter,
                UnaryOperator.identity(), r -> { });
    }

    /**
     * @param adjust  rewrites the engine's assessment (a live scan turns what it could not read into ERROR)
     * @param written told the result once the report is written, before the exit code is chosen
     */
    int assessAndReport(List<Resource> resources, List<InputProblem> inputProblems, RuleCatalog.Loaded rules,
                        String trigger, List<ScanScope> scopes, Store store, TableWriter tableWriter,
                        UnaryOperator<Assessment> adjust, Consumer<BatchResult> written) {
        BatchAssessor assessor = new BatchAssessor(new Engine(rules.rules(), rulesClock),
                new ScoreCalculator(SecurityControls.builtIn()), standards, Clock.systemUTC());
        progress.say(String.format(Locale.ROOT, "assessing %d resources with %d rules", resources.size(), rules.rules().size()));
        BatchResult result = assessor.assess(resources, trigger, scopes, store, adjust);
        progress.say(String.format(Locale.ROOT, "%d findings (%d evaluations)%s", result.assessment().findings().size(),
                result.assessment().evaluations(), store == null ? "" : ", stored as scan " + result.scan().id()));
        try {
            write(result, inputProblems, rules.problems(), tableWriter);
        } catch (IOException e) {
            err.println("parapet: cannot write the report to " + options.output + ": " + e.getMessage());
            return ExitCodes.RUNTIME;
        }
        written.accept(result);
        if (!inputProblems.isEmpty() || !rules.problems().isEmpty()) {
            err.printf(Locale.ROOT, "parapet: %d input problem(s), %d rule problem(s); everything else was assessed%n",
                    inputProblems.size(), rules.problems().size());
            return ExitCodes.BAD_INPUT;
        }
        if (options.failOn != null && failsAtOrAbove(result.assessment().findings(), options)) {
            err.println("parapet: failing findings at or above " + options.failOn);
            return ExitCodes.FAILED_THRESHOLD;
        }
        return ExitCodes.OK;
    }

    private static boolean failsAtOrAbove(List<Finding> findings, AssessOptions options) {
        return findings.stream().anyMatch(f -> f.status() == Status.FAIL && f.severity().atLeast(options.failOn));
    }

    interface TableWriter {
        void write(BatchResult result, PrintStream out);
    }

    private void write(BatchResult result, List<InputProblem> inputProblems, List<RuleProblem> ruleProblems,
                       TableWriter tableWriter) throws IOException {
        try (OutputStream target = Output.open(options.output, out)) {
            if (options.format == AssessOptions.Format.json) {
                JsonReport.write(result, inputProblems, ruleProblems, target);
            } else {
                PrintStream print = new PrintStream(target, false, StandardCharsets.UTF_8);
                tableWriter.write(result, print);
                print.flush();
            }
        }
        if (options.output != null) {
            progress.say("report written to " + options.output);
        }
    }

    static void defaultTable(BatchResult result, PrintStream out) {
        TextReport.writeSummary(result, out, 10);
        TextReport.writeFailures(result, out, 50);
    }
}
