package dev.parapet.aws.lambda;

import dev.parapet.aws.collect.AwsCollector;
import dev.parapet.aws.collect.ConfigSource;
import dev.parapet.aws.event.EventProcessor;
import dev.parapet.aws.scan.AfterWrite;
import dev.parapet.aws.scan.DynamoScanProgress;
import dev.parapet.aws.scan.Members;
import dev.parapet.aws.scan.ScanFinisher;
import dev.parapet.aws.scan.ScanService;
import dev.parapet.aws.scan.Targets;
import dev.parapet.aws.sdk.AwsClients;
import dev.parapet.aws.report.S3ReportTarget;
import dev.parapet.core.compliance.Standards;
import dev.parapet.core.engine.Engine;
import dev.parapet.core.report.ReportBuilder;
import dev.parapet.core.report.ReportFormat;
import dev.parapet.core.report.ReportPublisher;
import dev.parapet.core.rules.RuleCatalog;
import dev.parapet.core.rules.RuleSet;
import dev.parapet.core.run.ChangeAssessor;
import dev.parapet.core.score.ScoreCalculator;
import dev.parapet.core.score.SecurityControls;
import dev.parapet.core.store.Store;
import dev.parapet.core.store.Stores;
import org.crac.Core;
import org.crac.Resource;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a function container keeps between invocations: settings, SDK clients, the compiled rules and the store's
 * connection pool, each built on first use. One per JVM in Lambda ({@link #shared()}); tests build their own.
 * With SnapStart, the rules are compiled before the snapshot (priming), so restored containers skip that work.
 */
public final class Container implements Resource {
    private static volatile Container shared;

    private final Settings settings;
    private final Clock clock;
    private AwsClients clients;
    private RuleSet rules;
    private Store store;
    private String ownAccount;
    private AwsCollector collector;

    public Container(Settings settings, Clock clock) {
        this(settings, clock, null);
    }

    /** @param clients SDK clients to use instead of ones from the environment's credentials (tests, benchmarks) */
    public Container(Settings settings, Clock clock, AwsClients clients) {
        this.settings = settings;
        this.clock = clock;
        this.clients = clients;
    }

    /** The JVM's container, from the environment; registered for SnapStart priming. */
    public static Container shared() {
        Container c = shared;
        if (c == null) {
            synchronized (Container.class) {
                if (shared == null) {
                    shared = new Container(Settings.from(System.getenv()), Clock.systemUTC());
                    Core.getGlobalContext().register(shared);
                }
                c = shared;
            }
        }
        return c;
    }

    public Settings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public synchronized AwsClients clients() {
        if (clients == null) {
            clients = AwsClients.create(null, settings.endpoint());
        }
        return clients;
    }

    public synchronized RuleSet rules() {
        if (rules == null) {
            RuleCatalog.Loaded loaded = RuleCatalog.load(true, List.of());
            if (!loaded.problems().isEmpty()) {
                throw new IllegalStateException("built-in rules failed to load: " + loaded.problems());
            }
            rules = loaded.rules();
        }
        return rules;
    }

    /** The store, opened on first use from PARAPET_STORE_URL or the store secret; the URL is never logged. */
    public synchronized Store store() {
        if (store == null) {
            store = Stores.open(StoreUrls.resolve(settings, clients()));
        }
        return store;
    }

    public synchronized String ownAccount() {
        if (ownAccount == null) {
            ownAccount = settings.ownAccount() != null ? settings.ownAccount()
                    : clients().sts(settings.region()).getCallerIdentity().account();
        }
        return ownAccount;
    }

    public synchronized AwsCollector collector() {
        if (collector == null) {
            collector = AwsCollector.standard(new ConfigSource(settings.configQuery(), settings.aggregator()),
                    settings.mode(), Duration.ofSeconds(60));
        }
        return collector;
    }

    public Engine engine() {
        return new Engine(rules(), clock);
    }

    public Targets targets() {
        return new Targets(clients(), settings.externalId());
    }

    /** Forwarding tickets (issue 8) plugs in here; nothing to forward until then. */
    public AfterWrite afterWrite() {
        return AfterWrite.NONE;
    }

    /**
     * The report publisher of scheduled scans: S3 bucket PARAPET_REPORT_BUCKET under PARAPET_REPORT_PREFIX, every
     * format; null when no bucket is configured (reports are off).
     */
    public ReportPublisher reports() {
        if (settings.reportBucket() == null) {
            return null;
        }
        return new ReportPublisher(new ReportBuilder(rules(), new ScoreCalculator(SecurityControls.builtIn()),
                Standards.builtIn(), clock, ReportBuilder.DEFAULT_HISTORY_DAYS),
                new S3ReportTarget(clients().s3(settings.region()), settings.reportBucket()), settings.reportPrefix(),
                List.of(ReportFormat.values()), clock);
    }

    public ScanService scans() {
        return new ScanService(collector(), engine(), new ScanFinisher(rules(), new ScoreCalculator(SecurityControls.builtIn())),
                new DynamoScanProgress(clients().dynamoDb(settings.region()),
                        settings.require(settings.progressTable(), "PARAPET_PROGRESS_TABLE"), clock, Duration.ofDays(7)),
                targets(), afterWrite(), clock);
    }

    public EventProcessor events() {
        Targets targets = targets();
        return new EventProcessor(collector(), new ChangeAssessor(engine()), targets, ownAccount(),
                account -> {
                    if (settings.memberRole() == null) {
                        throw new IllegalArgumentException("event from account " + account + ", which is not this "
                                + "account (" + ownAccount() + "), and PARAPET_MEMBER_ROLE names no role to assume there");
                    }
                    return "arn:aws:iam::" + account + ":role/" + settings.memberRole();
                },
                member -> !settings.regions().isEmpty() ? settings.regions()
                        : targets.regions(member, null, settings.region()),
                afterWrite(), clock);
    }

    public List<dev.parapet.aws.scan.Member> members() {
        return Members.resolve(clients(), ownAccount(), settings.accounts(), settings.memberRole());
    }

    /** SnapStart priming: compile the rules and load the classes every invocation needs, without any network call. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        // built-in rules compile lazily; a snapshot is the one place where compiling all of them up front is free
        rules().compileAll();
        engine().assess(List.of());
        dev.parapet.core.json.Json.MAPPER.createObjectNode().toString();
    }

    /** Connections made before the snapshot would be stale after a restore: reopen them on first use. */
    @Override
    public synchronized void afterRestore(org.crac.Context<? extends Resource> context) {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    /** Settings from a map (tests, the cold-start benchmark). */
    public static Container of(Map<String, String> env, Clock clock, AwsClients clients) {
        return new Container(Settings.from(env), clock, clients);
    }

    /** Closes the store's pool (tests; Lambda ends containers without telling). */
    public synchronized void closeStore() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
