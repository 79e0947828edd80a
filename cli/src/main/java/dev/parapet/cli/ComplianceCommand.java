package dev.parapet.cli;

import dev.parapet.core.compliance.ComplianceCalculator;
import dev.parapet.core.compliance.RequirementResult;
import dev.parapet.core.compliance.Standard;
import dev.parapet.core.compliance.StandardResult;
import dev.parapet.core.compliance.Standards;
import dev.parapet.core.engine.Engine;
import dev.parapet.core.ingest.InputProblem;
import dev.parapet.core.ingest.InputReader;
import dev.parapet.core.ingest.ParseResult;
import dev.parapet.core.model.Finding;
import dev.parapet.core.rules.RuleCatalog;
import dev.parapet.core.store.FindingFilter;
import dev.parapet.core.store.Store;
import dev.parapet.core.store.StoreUrl;
import dev.parapet.core.store.StoredFinding;
import dev.parapet.core.store.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code parapet compliance}: one standard, requirement by requirement, from native documents or a store. */
@Command(name = "compliance", mixinStandardHelpOptions = true,
        description = {"Show each requirement of a standard as passed, failed (with the failing resources), not "
                + "assessed (with the reason) or manual. A requirement passes only when rules produced findings for "
                + "it and all of them pass.",
                "Findings come from assessing --input documents, or are the current findings of a store."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no requirement failed", "1:a requirement failed",
                "2:an input, rule or standard file could not be read (the rest was assessed and shown)",
                "3:usage error (unknown standard, no input)", "4:the run could not complete (store, output)"})
final class ComplianceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--standard", paramLabel = "ID", required = true,
            description = "Standard id, e.g. CIS-AWS-7.0.0, CIS-Azure-6.0.0, CIS-GCP-5.0.0, AWS-FSBP, MCSB.")
    String standardId;

    @Option(names = {"-i", "--input"}, paramLabel = "PATH", arity = "1..*",
            description = "Files or directories of native documents to assess (as for assess).")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--store", paramLabel = "URL", description = "Read the current findings of this store instead "
            + "of assessing inputs. Default when no --input: $PARAPET_STORE_URL.")
    String store;

    @Mixin
    RuleSources sources = new RuleSources();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE}).")
    AssessOptions.Format format = AssessOptions.Format.table;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the result to FILE instead of stdout.")
    Path output;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        Progress progress = new Progress(System.err, quiet);
        String url = storeUrl();
        RuleSources.Catalog catalog = sources.load(System.err);
        Standard standard = find(catalog.standards());
        RuleCatalog.Loaded rules = catalog.rules();
        rules.overridden().forEach(o -> progress.say("rule overridden: " + o));
        Findings findings = url == null ? assess(rules, progress) : read(url, progress);
        StandardResult result = ComplianceCalculator.compute(new Standards(List.of(standard)), rules.rules(),
                findings.list()).get(0);
        try (OutputStream target = Output.open(output, System.out)) {
            ComplianceView view = new ComplianceView(standard, result);
            if (format == AssessOptions.Format.json) {
                view.writeJson(target, findings.source(), findings.problems(), rules.problems());
            } else {
                view.writeTable(target);
            }
        } catch (IOException e) {
            System.err.println("parapet: cannot write the result to " + output + ": " + e.getMessage());
            return ExitCodes.RUNTIME;
        }
        if (!findings.problems().isEmpty() || !rules.problems().isEmpty()) {
            System.err.printf(Locale.ROOT, "parapet: %d input problem(s), %d rule or standard problem(s); everything "
                    + "else was assessed%n", findings.problems().size(), rules.problems().size());
            return ExitCodes.BAD_INPUT;
        }
        return result.failed() > 0 ? ExitCodes.FAILED_THRESHOLD : ExitCodes.OK;
    }

    /** The findings to judge, where they came from, and the inputs that could not be read. */
    record Findings(List<Finding> list, ComplianceView.Source source, List<InputProblem> problems) {
    }

    /** Null when the findings come from --input. */
    private String storeUrl() {
        if (!inputs.isEmpty()) {
            if (store != null) {
                throw new ParameterException(spec.commandLine(), "give --input or --store, not both");
            }
            return null;
        }
        String url = store != null && !store.isBlank() ? store : System.getenv(Stores.ENV);
        if (url == null || url.isBlank()) {
            throw new ParameterException(spec.commandLine(),
                    "nothing to judge: give --input PATH... or --store URL (or set " + Stores.ENV + ")");
        }
        return url;
    }

    private Standard find(Standards standards) {
        return standards.get(standardId)
                .or(() -> standards.all().stream().filter(s -> s.id().equalsIgnoreCase(standardId)).findFirst())
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "unknown standard '" + standardId
                        + "' (known: " + String.join(", ", standards.all().stream().map(Standard::id).toList()) + ")"));
    }

    private Findings assess(RuleCatalog.Loaded rules, Progress progress) {
        int[] files = {0};
        ParseResult parsed = InputReader.read(inputs, Instant.now(), file ->
                progress.tick(String.format(Locale.ROOT, "read %d files", ++files[0])));
        parsed.problems().forEach(p -> System.err.println("parapet: input error: " + p));
        progress.say(String.format(Locale.ROOT, "assessing %d resources with %d rules", parsed.resources().size(),
                rules.rules().size()));
        List<Finding> findings = new Engine(rules.rules()).assess(parsed.resources()).findings();
        return new Findings(findings, ComplianceView.Source.inputs(parsed.resources().size(), findings.size()),
                parsed.problems());
    }

    private Findings read(String url, Progress progress) {
        Path sqlite = StoreUrl.parse(url).sqliteFile();
        if (sqlite != null && !Files.isRegularFile(sqlite)) {
            // reading must not leave an empty store behind a mistyped path
            throw new IllegalStateException("no store at " + sqlite + " (assess --store or demo writes one)");
        }
        try (Store s = Stores.open(url)) {
            if (s.scans(1).isEmpty()) {
                System.err.println("parapet: the store holds no scan: nothing is assessed");
            }
            List<Finding> findings = s.findings(FindingFilter.CURRENT).stream().map(StoredFinding::finding).toList();
            progress.say(String.format(Locale.ROOT, "%d current findings in %s", findings.size(), StoreUrl.mask(url)));
            return new Findings(findings, ComplianceView.Source.store(StoreUrl.mask(url), findings.size()), List.of());
        }
    }
}
