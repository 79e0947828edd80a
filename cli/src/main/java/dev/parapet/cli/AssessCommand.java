package dev.parapet.cli;

import dev.parapet.core.ingest.InputReader;
import dev.parapet.core.ingest.ParseResult;
import dev.parapet.core.rules.RuleCatalog;
import dev.parapet.core.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code parapet assess}: assess native documents from files and directories. */
@Command(name = "assess", mixinStandardHelpOptions = true,
        description = {"Assess cloud resources from their native documents: AWS Config configuration items and events, "
                + "ARM / Resource Graph JSON, Cloud Asset Inventory assets and feed messages.",
                "Directories are read recursively (.json, .jsonl, .ndjson)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:assessed; nothing at or above --fail-on", "1:a FAIL at or above --fail-on",
                "2:an input or rule file could not be read (the rest was assessed and written)",
                "3:usage error", "4:the run could not complete (store, output)"})
final class AssessCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--input"}, paramLabel = "PATH", required = true, arity = "1..*",
            description = "Files or directories of native documents.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--partial", description = "The inputs are not a complete view of their accounts: "
            + "do not resolve stored findings of resources they do not mention.")
    boolean partial;

    @Mixin
    AssessOptions options = new AssessOptions();

    @Override
    public Integer call() {
        RunSupport run = new RunSupport(options, System.out, System.err);
        RuleCatalog.Loaded rules = run.loadRules();
        int[] files = {0};
        ParseResult parsed = InputReader.read(inputs, Instant.now(), file ->
                run.progress().tick(String.format(Locale.ROOT, "read %d files", ++files[0])));
        parsed.problems().forEach(p -> System.err.println("parapet: input error: " + p));
        run.progress().say(String.format(Locale.ROOT, "read %d resources from %d files", parsed.resources().size(), files[0]));
        try (Store store = run.openStore(null)) {
            return run.assessAndReport(parsed.resources(), parsed.problems(), rules, "cli",
                    partial ? List.of() : null, store, RunSupport::defaultTable);
        }
    }
}
