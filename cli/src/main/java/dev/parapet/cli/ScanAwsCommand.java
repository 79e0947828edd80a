package dev.parapet.cli;

import dev.parapet.aws.collect.AwsCollector;
import dev.parapet.aws.collect.CollectProblem;
import dev.parapet.aws.collect.Collected;
import dev.parapet.aws.collect.ConfigSource;
import dev.parapet.aws.collect.Target;
import dev.parapet.aws.scan.Member;
import dev.parapet.aws.scan.PartAssessor;
import dev.parapet.aws.scan.ScanPart;
import dev.parapet.aws.scan.ScanPlanner;
import dev.parapet.aws.scan.Targets;
import dev.parapet.aws.scan.TypeGroups;
import dev.parapet.aws.sdk.AwsClients;
import dev.parapet.core.engine.Engine;
import dev.parapet.core.engine.RelatedResources;
import dev.parapet.core.ingest.InputProblem;
import dev.parapet.core.rules.RuleCatalog;
import dev.parapet.core.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code parapet scan aws}: the functions' collector over one account, part by part as the scheduled scan fans out
 * (one part per service group, per region unless global), then one assessment of everything collected.
 */
@Command(name = "aws", mixinStandardHelpOptions = true,
        description = {"Collect one AWS account (AWS Config where it records, the service APIs otherwise) and assess it.",
                "Credentials: the AWS SDK's default chain (environment, --profile / AWS_PROFILE, SSO, instance role)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:assessed; nothing at or above --fail-on", "1:a FAIL at or above --fail-on",
                "2:a service listing or rule file could not be read (the rest was assessed and written)",
                "3:usage error", "4:the run could not complete (credentials, store, output)"})
final class ScanAwsCommand implements Callable<Integer> {
    @Option(names = "--profile", paramLabel = "P", description = "Named profile from ~/.aws/config and credentials.")
    String profile;

    @Option(names = "--regions", paramLabel = "R1,R2|all", split = ",",
            description = "Regions to scan, or 'all' for every enabled region. Default: the profile's region.")
    List<String> regions = new ArrayList<>();

    @Option(names = "--role-arn", paramLabel = "ARN", description = "Assume this (read-only) role and scan its account.")
    String roleArn;

    @Option(names = "--external-id", paramLabel = "ID", description = "External id for --role-arn.")
    String externalId;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send every AWS call here (a local emulator such as moto_server).")
    URI endpointUrl;

    @Option(names = "--collection", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (Config where it records, APIs elsewhere), config or direct (default: ${DEFAULT-VALUE}).")
    AwsCollector.Mode mode = AwsCollector.Mode.AUTO;

    @Mixin
    AssessOptions options = new AssessOptions();

    @Override
    public Integer call() {
        RunSupport run = new RunSupport(options, System.out, System.err);
        RuleCatalog.Loaded rules = run.loadRules();
        Instant now = Instant.now();
        try (AwsClients own = AwsClients.create(DefaultCredentialsProvider.builder().profileName(profile).build(), endpointUrl)) {
            Targets targets = new Targets(own, externalId);
            String home = homeRegion();
            String account = targets.clients(roleArn).sts(home).getCallerIdentity().account();
            Member member = new Member(account, roleArn);
            List<String> scanned = regions.size() == 1 && regions.get(0).equalsIgnoreCase("all")
                    ? targets.regions(member, null, home) : regions.isEmpty() ? List.of(home) : List.copyOf(regions);
            run.progress().say("scanning AWS account " + account + " in " + String.join(", ", scanned));

            AwsCollector collector = AwsCollector.standard(new ConfigSource(ConfigSource.Query.BATCH, null), mode,
                    Duration.ofSeconds(20));
            Target target = targets.target(member, scanned);
            Collected all = new Collected(account, now);
            List<ScanPart> parts = ScanPlanner.parts("cli", account, roleArn, scanned,
                    TypeGroups.plan(rules.rules(), collector), now);
            for (ScanPart part : parts) {
                Collected one = collector.collect(target, part.regions(), part.types(), now);
                all.addAll(one);
                run.progress().say(String.format(Locale.ROOT, "[%d/%d] %s in %s: %d resources (%d so far)%s",
                        part.index() + 1, part.count(), part.group(),
                        part.regions().size() == 1 ? part.regions().get(0) : "all regions",
                        one.resources().size(), all.resources().size(), deniedNote(one)));
            }
            try (Store store = run.openStore(null)) {
                RelatedResources stored = store == null ? RelatedResources.NONE : store.inventory();
                PartAssessor unreadable = new PartAssessor(new Engine(rules.rules()));
                ScanRecap recap = new ScanRecap("AWS account " + account, all.resources().size(), unread(all));
                return run.assessAndReport(all.resources(), listingProblems(all), rules, "cli-scan",
                        ScanPlanner.scopes(account, scanned), store, RunSupport::defaultTable,
                        a -> unreadable.withUnreadable(a, all, stored, now),
                        recap.printer(options.quiet, System.err));
            }
        }
    }

    private String homeRegion() {
        try {
            return DefaultAwsRegionProviderChain.builder().profileName(profile).build().getRegion().id();
        } catch (RuntimeException e) {
            return AwsClients.GLOBAL_REGION; // no region configured anywhere: the SDK's own fallback for global calls
        }
    }

    private static String deniedNote(Collected part) {
        long denied = part.problems().stream().filter(CollectProblem::denied).count();
        return denied == 0 ? "" : String.format(Locale.ROOT, ", %d call(s) denied", denied);
    }

    /** Failed listings (not types without any source): their resources are missing from this scan. */
    static List<InputProblem> listingProblems(Collected c) {
        List<InputProblem> out = new ArrayList<>();
        c.unreadable().forEach((type, where) -> where.forEach(region -> {
            if (!noSource(c, type, region)) {
                out.add(new InputProblem("aws " + c.account() + "/" + region + " " + type,
                        c.unreadableReason(type, region)));
            }
        }));
        return out;
    }

    private static boolean noSource(Collected c, String type, String region) {
        return c.problems().stream().anyMatch(p -> p.code().equals("NoSource") && type.equals(p.subject())
                && region.equals(p.region()));
    }

    /** One line per failing operation and error code, with the regions it failed in; types without a source last. */
    static List<String> unread(Collected c) {
        Map<String, TreeSet<String>> failed = new TreeMap<>();
        TreeSet<String> noSource = new TreeSet<>();
        for (CollectProblem p : c.problems()) {
            if (p.code().equals("NoSource")) {
                noSource.add(p.subject());
                continue;
            }
            String key = p.operation() + (p.denied() ? " denied: " : " failed: ")
                    + (p.message() == null || p.message().isBlank() ? p.code() : firstLine(p.message()));
            failed.computeIfAbsent(key, k -> new TreeSet<>()).add(p.region());
        }
        List<String> out = new ArrayList<>();
        failed.forEach((what, where) -> out.add(what + " in " + String.join(", ", where)));
        if (!noSource.isEmpty()) {
            out.add("no source (Config does not record them and no API collector reads them): "
                    + String.join(", ", noSource));
        }
        return out;
    }

    private static String firstLine(String s) {
        String line = s.lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }
}
