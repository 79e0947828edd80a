package dev.parapet.cli;

import com.google.cloud.asset.v1.AssetServiceClient;
import dev.parapet.core.engine.Assessment;
import dev.parapet.core.ingest.InputProblem;
import dev.parapet.core.model.Provider;
import dev.parapet.core.rules.RuleCatalog;
import dev.parapet.core.store.ScanScope;
import dev.parapet.core.store.Store;
import dev.parapet.gcp.collect.AssetLister;
import dev.parapet.gcp.collect.AssetScope;
import dev.parapet.gcp.collect.AssetTypes;
import dev.parapet.gcp.collect.CloudAssetClients;
import dev.parapet.gcp.collect.Collected;
import dev.parapet.gcp.collect.GcpCollector;
import dev.parapet.gcp.collect.Unreadable;
import dev.parapet.gcp.scan.UnreadableFindings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** {@code parapet scan gcp}: the functions' Cloud Asset collector over a project, folder or organization. */
@Command(name = "gcp", mixinStandardHelpOptions = true,
        description = {"List a Google Cloud project, folder or organization with Cloud Asset Inventory and assess it.",
                "Credentials: Application Default Credentials (gcloud auth application-default login, "
                        + "GOOGLE_APPLICATION_CREDENTIALS, or the metadata server)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:assessed; nothing at or above --fail-on", "1:a FAIL at or above --fail-on",
                "2:an asset listing or rule file could not be read (the rest was assessed and written)",
                "3:usage error", "4:the run could not complete (nothing could be listed, store, output)"})
final class ScanGcpCommand implements java.util.concurrent.Callable<Integer> {

    static final class Scope {
        @Option(names = "--project", paramLabel = "P", required = true, description = "Project id or number.")
        String project;

        @Option(names = "--folder", paramLabel = "F", required = true, description = "Folder number.")
        String folder;

        @Option(names = "--organization", paramLabel = "O", required = true, description = "Organization number.")
        String organization;

        AssetScope parse() {
            String value = project != null ? prefixed("projects/", project)
                    : folder != null ? prefixed("folders/", folder) : prefixed("organizations/", organization);
            return AssetScope.parse(value);
        }

        private static String prefixed(String prefix, String value) {
            return value.startsWith(prefix) ? value : prefix + value;
        }
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Scope scope;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Cloud Asset endpoint: http://host:port for a local stub (no credentials sent there).")
    String endpointUrl;

    @Mixin
    AssessOptions options = new AssessOptions();

    @Override
    public Integer call() {
        RunSupport run = new RunSupport(options, System.out, System.err);
        AssetScope where;
        try {
            where = scope.parse();
        } catch (IllegalArgumentException e) {
            System.err.println("parapet: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        RuleCatalog.Loaded rules = run.loadRules();
        Collected collected;
        try (AssetServiceClient client = CloudAssetClients.create(endpointUrl)) {
            run.progress().say("listing " + where + " with Cloud Asset Inventory");
            collected = new GcpCollector(new AssetLister(client), AssetTypes.forRules(rules.rules()), Clock.systemUTC())
                    .collect(where, run.progress()::say);
        }
        List<InputProblem> problems = new ArrayList<>(collected.problems());
        List<String> unread = new ArrayList<>();
        for (Unreadable u : collected.unreadable()) {
            problems.add(new InputProblem("gcp " + u.scope() + " " + u.assetType() + " (" + u.contentType() + ")",
                    u.code() + " " + u.message()));
            unread.add(u.toString());
        }
        // Complete: each project's scan resolves what it no longer has; partial: it resolves nothing.
        List<ScanScope> scopes = collected.complete()
                ? collected.projects().stream().map(p -> new ScanScope(Provider.GCP, p, null)).toList() : List.of();
        try (Store store = run.openStore(null)) {
            ScanRecap recap = new ScanRecap(where.parent(), collected.resources().size(), unread);
            return run.assessAndReport(collected.resources(), problems, rules, "cli-scan", scopes, store,
                    RunSupport::defaultTable, unreadable(rules, collected, store),
                    recap.printer(options.quiet, System.err));
        }
    }

    /** Per project: findings reading unlisted types become ERROR, and stored resources of those types get ERROR. */
    private static UnaryOperator<Assessment> unreadable(RuleCatalog.Loaded rules, Collected collected, Store store) {
        Set<String> projects = collected.projects();
        UnaryOperator<Assessment> out = new UnreadableFindings(rules.rules(), collected.unreadable(), null, "");
        for (String project : projects) {
            UnreadableFindings each = new UnreadableFindings(rules.rules(), collected.unreadable(),
                    store == null ? null : store.inventory(), project);
            UnaryOperator<Assessment> before = out;
            out = a -> each.apply(before.apply(a));
        }
        return out;
    }
}
