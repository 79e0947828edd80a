package dev.parapet.gcp.function;

import com.google.cloud.asset.v1.AssetServiceClient;
import dev.parapet.core.compliance.Standards;
import dev.parapet.core.engine.Engine;
import dev.parapet.core.report.ReportBuilder;
import dev.parapet.core.report.ReportFormat;
import dev.parapet.core.report.ReportPublisher;
import dev.parapet.core.score.ScoreCalculator;
import dev.parapet.core.score.SecurityControls;
import dev.parapet.core.rules.RuleCatalog;
import dev.parapet.core.store.Store;
import dev.parapet.core.store.Stores;
import dev.parapet.gcp.collect.AssetLister;
import dev.parapet.gcp.collect.AssetTypes;
import dev.parapet.gcp.collect.CloudAssetClients;
import dev.parapet.gcp.collect.GcpCollector;
import dev.parapet.gcp.report.GcsReportTarget;
import dev.parapet.gcp.scan.GcpRules;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * What a function instance builds once and keeps between invocations: rules, engine, store connection and the
 * Cloud Asset client. Built on the first event, not at class load, so that a failure (store unreachable) fails that
 * event, which Pub/Sub retries, instead of the instance.
 */
final class FunctionRuntime {
    private static FunctionRuntime instance;

    final Settings settings;
    final Engine engine;
    final Store store;
    final Clock clock = Clock.systemUTC();
    final TicketHook tickets = TicketHook.NONE;
    private AssetServiceClient assetClient;
    private ReportPublisher reports;

    private FunctionRuntime(Settings settings) {
        this.settings = settings;
        RuleCatalog.Loaded rules = GcpRules.load();
        rules.problems().forEach(p -> JsonLog.error("rule could not be loaded", Map.of("rule", p.toString()), null));
        this.engine = new Engine(rules.rules(), clock);
        String url = StoreUrlSource.storeUrl(settings);
        this.store = Stores.open(url);
        JsonLog.info("runtime ready", Map.of("rules", rules.rules().size(), "store", scheme(url)));
    }

    static synchronized FunctionRuntime get() {
        if (instance == null) {
            instance = new FunctionRuntime(Settings.from(System.getenv()));
        }
        return instance;
    }

    synchronized GcpCollector collector() {
        if (assetClient == null) {
            assetClient = CloudAssetClients.create(settings.assetEndpoint());
        }
        return new GcpCollector(new AssetLister(assetClient), AssetTypes.forRules(engine.rules()), clock);
    }

    /**
     * The report publisher of scheduled scans (bucket PARAPET_REPORT_BUCKET, prefix PARAPET_REPORT_PREFIX, every
     * format), built on first use; null when no bucket is configured (reports are off).
     */
    synchronized ReportPublisher reports() {
        if (settings.reportBucket() == null) {
            return null;
        }
        if (reports == null) {
            // Every cloud's rules: a shared store holds the other clouds' findings too, and the report scores them.
            RuleCatalog.Loaded all = RuleCatalog.load(true, List.of());
            if (!all.problems().isEmpty()) {
                throw new IllegalStateException("built-in rules failed to load: " + all.problems());
            }
            reports = new ReportPublisher(new ReportBuilder(all.rules(),
                    new ScoreCalculator(SecurityControls.builtIn()), Standards.builtIn(), clock,
                    ReportBuilder.DEFAULT_HISTORY_DAYS),
                    GcsReportTarget.create(settings.storageEndpoint(), settings.reportBucket()),
                    settings.reportPrefix(), List.of(ReportFormat.values()), clock);
        }
        return reports;
    }

    /** The kind of store, for logs: never the URL, which can hold a password. */
    static String scheme(String url) {
        int colon = url.indexOf(':');
        return colon > 0 ? url.substring(0, colon) : "file";
    }
}
