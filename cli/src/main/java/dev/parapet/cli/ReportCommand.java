package dev.parapet.cli;

import dev.parapet.core.report.LocalDirectoryTarget;
import dev.parapet.core.report.ReportBuilder;
import dev.parapet.core.report.ReportFormat;
import dev.parapet.core.report.ReportModel;
import dev.parapet.core.report.ReportWriter;
import dev.parapet.core.rules.RuleCatalog;
import dev.parapet.core.score.ScopeScore;
import dev.parapet.core.score.ScoreCalculator;
import dev.parapet.core.score.SecurityControls;
import dev.parapet.core.store.Store;
import dev.parapet.core.store.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code parapet report}: publish the scoring report (HTML, JSON, CSV, OCSF) from a findings store. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Publish the scoring report from a findings store: secure score by cloud, account and control "
                + "with its daily trend, ranked recommendations, compliance per standard and the changes since the "
                + "previous scan.",
                "Files go to DIR/[PREFIX/]yyyy/MM/dd/<timestamp>/ and are copied to DIR/[PREFIX/]latest/. "
                        + "Formats: docs/REPORTS.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:report written", "2:a rule file could not be read (the report used the rules that loaded)",
                "3:usage error", "4:the store could not be read or the report not written"})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "URL", description = "Findings store: sqlite:PATH, a file path, or "
            + "postgresql://USER@HOST:PORT/DB (password from PGPASSWORD). Default: $PARAPET_STORE_URL.")
    String store;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "Directory to publish to.")
    Path output;

    @Option(names = "--formats", paramLabel = "LIST", defaultValue = "html,json,csv,ocsf",
            description = "Comma-separated: html, json, csv, ocsf (default: ${DEFAULT-VALUE}).")
    String formats;

    @Option(names = "--prefix", paramLabel = "PATH", defaultValue = "",
            description = "Sub-path under DIR for every file, e.g. reports/prod.")
    String prefix;

    @Option(names = "--history-days", paramLabel = "N", defaultValue = "" + ReportBuilder.DEFAULT_HISTORY_DAYS,
            description = "Days of score history in the trend (default: ${DEFAULT-VALUE}).")
    int historyDays;

    /** As given to assess: remediation text and compliance mapping come from the rules. */
    @Mixin
    RuleSources ruleSources = new RuleSources();

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @Override
    public Integer call() {
        List<ReportFormat> chosen;
        ReportWriter writer;
        try {
            chosen = ReportFormat.parseList(formats);
            writer = new ReportWriter(new LocalDirectoryTarget(output), prefix);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (historyDays < 1) {
            throw new ParameterException(spec.commandLine(), "--history-days must be at least 1, got " + historyDays);
        }
        String url = store != null && !store.isBlank() ? store : System.getenv(Stores.ENV);
        if (url == null || url.isBlank()) {
            throw new ParameterException(spec.commandLine(), "no store: give --store URL or set " + Stores.ENV);
        }
        RuleSources.Catalog catalog = ruleSources.load(System.err);
        RuleCatalog.Loaded rules = catalog.rules();
        ReportModel model;
        try (Store s = Stores.open(url)) {
            model = new ReportBuilder(rules.rules(), new ScoreCalculator(SecurityControls.builtIn()),
                    catalog.standards(), Clock.systemUTC(), historyDays).build(s);
        }
        List<ReportWriter.Published> published;
        try {
            published = writer.publish(model, chosen);
        } catch (IOException e) {
            System.err.println("parapet: cannot write the report to " + output + ": " + e.getMessage());
            return ExitCodes.RUNTIME;
        }
        if (model.scans().isEmpty()) {
            System.err.println("parapet: the store holds no complete scan: the report is empty");
        }
        if (!quiet) {
            ScopeScore overall = model.score().overall();
            System.out.printf(Locale.ROOT, "Secure score %s, %d findings (%d failing); %d new, %d fixed since the "
                            + "previous scan%n", overall.percent() == null ? "n/a"
                            : String.format(Locale.ROOT, "%.2f%%", overall.percent()), overall.counts().total(),
                    overall.counts().fail(), model.delta().newFailures().size(), model.delta().fixed().size());
            for (ReportWriter.Published p : published) {
                System.out.println(output.resolve(p.datedKey()) + " (" + p.bytes() + " bytes)");
            }
            published.forEach(p -> System.out.println(output.resolve(p.latestKey())));
        }
        return rules.problems().isEmpty() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
}
