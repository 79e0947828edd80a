package dev.parapet.azure.app;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.DefaultAzureCredentialBuilder;
import dev.parapet.azure.collect.ApiVersions;
import dev.parapet.azure.collect.AzureClients;
import dev.parapet.azure.collect.AzureCollector;
import dev.parapet.azure.collect.ResourceGraph;
import dev.parapet.azure.events.NoiseFilter;
import dev.parapet.azure.events.ResourceEventHandler;
import dev.parapet.core.compliance.Standards;
import dev.parapet.core.engine.Engine;
import dev.parapet.core.model.Provider;
import dev.parapet.core.run.BatchAssessor;
import dev.parapet.core.run.ChangeAssessor;
import dev.parapet.core.score.ScoreCalculator;
import dev.parapet.core.score.SecurityControls;
import dev.parapet.core.store.Store;
import dev.parapet.core.store.Stores;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What lives as long as the function host process: SDK clients and their pipeline, the provider api-version cache,
 * the compiled rules and the store's connection pool. Built once, on the first invocation; handlers are built per
 * invocation around it, with that invocation's logger.
 */
public final class AppContext implements AutoCloseable {
    private static volatile AppContext shared;

    private final AzureSettings settings;
    private final AzureClients clients;
    private final ResourceGraph graph;
    private final ApiVersions versions;
    private final Engine engine;
    private final List<String> ruleProblems;
    private final Store store;
    private final Supplier<Set<String>> ignoredPrincipals;
    private final TicketForwarding tickets;
    private final Clock clock = Clock.systemUTC();

    AppContext(AzureSettings settings, TokenCredential credential, HttpClient httpClient, TicketForwarding tickets,
               AzureRules.Loaded loaded) {
        this.settings = settings;
        TokenCredential tokens = credential != null ? credential : new DefaultAzureCredentialBuilder().build();
        this.clients = AzureClients.create(settings.armEndpoint(), tokens, httpClient, 4);
        this.graph = new ResourceGraph(clients, ResourceGraph.Sleeper.REAL);
        this.versions = ApiVersions.using(clients);
        this.engine = new Engine(loaded.rules());
        this.ruleProblems = loaded.problems();
        this.store = Stores.open(settings.storeUrl());
        this.tickets = tickets;
        Set<String> configured = NoiseFilter.principals(settings.ignoredPrincipals());
        String scope = clients.endpoint() + "/.default";
        this.ignoredPrincipals = memoize(() -> {
            Set<String> all = new HashSet<>(configured);
            all.addAll(SelfIdentity.ids(tokens, scope));
            return Set.copyOf(all);
        });
    }

    /** The process-wide context, from the environment, with DefaultAzureCredential. */
    public static AppContext get() {
        AppContext c = shared;
        if (c == null) {
            synchronized (AppContext.class) {
                c = shared;
                if (c == null) {
                    c = new AppContext(AzureSettings.from(System.getenv()), null, null, TicketForwarding.NONE,
                            AzureRules.load());
                    shared = c;
                }
            }
        }
        return c;
    }

    /**
     * Makes {@code context} the one the functions use, instead of building one from the environment: local runs
     * against a stub, and tests of the function classes. Returns the previous one.
     */
    public static synchronized AppContext install(AppContext context) {
        AppContext previous = shared;
        shared = context;
        return previous;
    }

    /** A context with a given credential and HTTP client (local stubs, the CLI's own credential). */
    public static AppContext create(Map<String, String> env, TokenCredential credential, HttpClient httpClient,
                                    TicketForwarding tickets) {
        return new AppContext(AzureSettings.from(env), credential, httpClient, tickets, AzureRules.load());
    }

    /** The same with rules already loaded (the CLI's --rules folders, or one compiled set shared by many contexts). */
    public static AppContext create(Map<String, String> env, TokenCredential credential, HttpClient httpClient,
                                    TicketForwarding tickets, AzureRules.Loaded rules) {
        return new AppContext(AzureSettings.from(env), credential, httpClient, tickets, rules);
    }

    public AzureSettings settings() {
        return settings;
    }

    public Store store() {
        return store;
    }

    public List<String> ruleProblems() {
        return ruleProblems;
    }

    public AzureCollector collector(StructuredLog log) {
        return new AzureCollector(clients, graph, engine.rules().typesFor(Provider.AZURE), settings.parallelism(),
                clock, line -> log.info("collect.progress", Map.of("message", line)));
    }

    public ScheduledScanHandler scanHandler(StructuredLog log) {
        BatchAssessor assessor = new BatchAssessor(engine, new ScoreCalculator(SecurityControls.builtIn()),
                Standards.builtIn(), clock);
        return new ScheduledScanHandler(collector(log), assessor, store, tickets, log);
    }

    public ResourceEventHandler eventHandler(StructuredLog log) {
        AzureCollector collector = collector(log);
        return new ResourceEventHandler(collector, versions, new NoiseFilter(collector::isCollected, ignoredPrincipals),
                new ChangeAssessor(engine), store, tickets, log);
    }

    private static <T> Supplier<T> memoize(Supplier<T> s) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        if (value == null) {
                            value = s.get();
                        }
                        v = value;
                    }
                }
                return v;
            }
        };
    }

    @Override
    public void close() {
        store.close();
    }
}
