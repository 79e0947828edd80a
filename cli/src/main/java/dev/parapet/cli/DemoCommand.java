package dev.parapet.cli;

import dev.parapet.core.ingest.InputReader;
import dev.parapet.core.ingest.ParseResult;
import dev.parapet.core.report.TextReport;
import dev.parapet.core.rules.RuleCatalog;
import dev.parapet.core.store.Store;
import dev.parapet.core.util.ClasspathFolder;
import dev.parapet.cli.estate.SampleEstate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code parapet demo}: assess the bundled sample estate into the embedded store and show the score. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Assess a bundled sample estate (AWS, Azure and Google Cloud, real-format documents) into the "
                + "embedded SQLite store and print the secure score by cloud and control with the top recommendations.",
                "Default store: sqlite:.parapet/demo.db (each run adds a scan, so lifecycle and score history grow)."})
final class DemoCommand implements Callable<Integer> {
    static final String DEMO_FOLDER = "parapet/demo";
    static final String DEFAULT_STORE = "sqlite:.parapet/demo.db";

    @Mixin
    AssessOptions options = new AssessOptions();

    @Override
    public Integer call() throws IOException {
        RunSupport run = new RunSupport(options, System.out, System.err);
        // The sample estate is a snapshot taken at a fixed date: judging ages from it keeps the demo's numbers stable.
        run.judgeAgesAt(Clock.fixed(SampleEstate.DEFAULT_ANCHOR, ZoneOffset.UTC));
        RuleCatalog.Loaded rules = run.loadRules();
        Path estate = ClasspathFolder.of(DEMO_FOLDER);
        if (estate == null || !Files.isDirectory(estate)) {
            System.err.println("parapet: the sample estate is missing from this build (" + DEMO_FOLDER + ")");
            return ExitCodes.RUNTIME;
        }
        ParseResult parsed = InputReader.read(List.of(estate), Instant.now(), f -> { });
        parsed.problems().forEach(p -> System.err.println("parapet: input error: " + p));
        run.progress().say(String.format(Locale.ROOT, "sample estate: %d resources", parsed.resources().size()));
        String storeUrl = options.store != null ? options.store : DEFAULT_STORE;
        if (storeUrl.startsWith("sqlite:.parapet/")) {
            Files.createDirectories(Path.of(".parapet"));
        }
        options.store = storeUrl;
        try (Store store = run.openStore(null)) {
            run.progress().say("store: " + storeUrl);
            return run.assessAndReport(parsed.resources(), parsed.problems(), rules, "demo", null, store,
                    (result, out) -> TextReport.writeSummary(result, out, 10));
        }
    }
}
