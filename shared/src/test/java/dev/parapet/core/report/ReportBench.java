package dev.parapet.core.report;

import dev.parapet.core.compliance.Standards;
import dev.parapet.core.engine.Assessment;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Resource;
import dev.parapet.core.model.ResourceRef;
import dev.parapet.core.model.Status;
import dev.parapet.core.rules.CompiledRule;
import dev.parapet.core.rules.RuleCatalog;
import dev.parapet.core.rules.RuleSet;
import dev.parapet.core.score.ScoreCalculator;
import dev.parapet.core.score.SecurityControls;
import dev.parapet.core.store.ScanScope;
import dev.parapet.core.store.Scan;
import dev.parapet.core.store.ScoreSnapshot;
import dev.parapet.core.store.Store;
import dev.parapet.core.store.StoredFinding;
import dev.parapet.core.store.Stores;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Report generation time and size for N findings (default 100,000) over the built-in rule catalog: three clouds,
 * ten accounts each, 25 % failing, 3 % in error, 90 days of history. Not a test: run it by hand (docs/PERFORMANCE.md).
 * Runs the whole generation twice and prints both (the first includes JIT warm-up). With a store URL as second
 * argument the findings are first recorded there as one complete scan, and each run reads them back from the store
 * ({@link ReportBuilder#build}).
 */
public final class ReportBench {
    private ReportBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("parapet-report-bench-");
        RuleSet rules = RuleCatalog.load(true, List.of()).rules();
        Instant now = Instant.parse("2026-03-05T09:30:00Z");
        ReportInputs inputs = inputs(rules, n, now);
        ReportBuilder builder = new ReportBuilder(rules, new ScoreCalculator(SecurityControls.builtIn()),
                Standards.builtIn(), Clock.fixed(now, ZoneOffset.UTC), ReportBuilder.DEFAULT_HISTORY_DAYS);
        System.out.printf(Locale.ROOT, "%d findings, %d rules, %d resources; Java %s, %d cores, max heap %d MB%n",
                n, rules.size(), inputs.findings().stream().map(f -> f.finding().resource().id()).distinct().count(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        Store store = null;
        if (args.length > 1) {
            store = Stores.open(args[1]);
            long s = System.nanoTime();
            record(store, inputs, now);
            System.out.printf(Locale.ROOT, "recorded in %s: %d ms%n", args[1], (System.nanoTime() - s) / 1_000_000);
        }
        for (int run = 1; run <= 2; run++) {
            long t0 = System.nanoTime();
            ReportModel model = store == null ? builder.assemble(inputs) : builder.build(store);
            long assembled = System.nanoTime();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "run %d: %s %d ms", run,
                    store == null ? "score+compliance" : "store read+score+compliance", (assembled - t0) / 1_000_000));
            long total = assembled - t0;
            for (ReportFormat f : ReportFormat.values()) {
                Path file = dir.resolve(f.fileName());
                long s = System.nanoTime();
                try (OutputStream out = Files.newOutputStream(file)) {
                    f.write(model, out);
                }
                long took = System.nanoTime() - s;
                total += took;
                line.append(String.format(Locale.ROOT, "; %s %d ms %.1f MB", f.fileName(), took / 1_000_000,
                        Files.size(file) / 1e6));
            }
            line.append(String.format(Locale.ROOT, "; total %d ms", total / 1_000_000));
            System.out.println(line);
        }
        if (store != null) {
            store.close();
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    /** The inputs' findings as one complete scan, with minimal resource documents. */
    private static void record(Store store, ReportInputs inputs, Instant now) {
        Map<String, Resource> resources = new LinkedHashMap<>();
        for (StoredFinding f : inputs.findings()) {
            ResourceRef r = f.finding().resource();
            resources.computeIfAbsent(r.provider().key() + "|" + r.id(), k -> new Resource(r.provider(), r.id(), r.type(),
                    r.account(), r.region(), r.name(), Map.of(), now.minusSeconds(900), false,
                    Json.MAPPER.createObjectNode().put("id", r.id())));
        }
        Scan scan = inputs.scans().get(0);
        List<Finding> findings = inputs.findings().stream().map(StoredFinding::finding).toList();
        store.recordScan(Scan.running(scan.id(), scan.scopes(), scan.trigger(), scan.startedAt()),
                new Assessment(findings, new ArrayList<>(resources.values()), List.of(), findings.size()), scan.finishedAt());
    }

    static ReportInputs inputs(RuleSet rules, int n, Instant now) {
        Random random = new Random(42);
        List<CompiledRule> all = rules.all();
        List<StoredFinding> findings = new ArrayList<>(n);
        List<StoredFinding> added = new ArrayList<>();
        List<StoredFinding> still = new ArrayList<>();
        Set<ScanScope> scopes = new LinkedHashSet<>();
        Instant started = now.minusSeconds(600);
        for (int i = 0; i < n; i++) {
            CompiledRule rule = all.get(i % all.size());
            int resource = i / all.size();
            String account = rule.rule().provider().key() + "-account-" + (resource % 10);
            String type = rule.rule().resourceTypes().get(0);
            ResourceRef ref = new ResourceRef(rule.rule().provider(), type + "/resource-" + resource, type, account,
                    "region-" + (resource % 4), "resource-" + resource);
            scopes.add(new ScanScope(rule.rule().provider(), account, null));
            int roll = random.nextInt(100);
            Status status = roll < 25 ? Status.FAIL : roll < 28 ? Status.ERROR : Status.PASS;
            Map<String, Object> evidence = status == Status.FAIL ? Map.of("setting", "value-" + resource)
                    : status == Status.ERROR ? Map.of("error", "no such key: setting") : Map.of();
            Finding f = new Finding(rule.id(), rule.rule().title(), rule.rule().severity(), status, ref,
                    rule.rule().control(), rule.rule().compliance(), evidence, now.minusSeconds(900));
            boolean isNew = status == Status.FAIL && random.nextInt(50) == 0;
            Instant firstSeen = isNew ? started : now.minus(Duration.ofDays(30));
            StoredFinding sf = new StoredFinding(f.key(), f, status == Status.FAIL ? "OPEN"
                    : status == Status.ERROR ? "ERROR" : "PASSING", firstSeen, started, null, null, 0, "scan-2");
            findings.add(sf);
            if (status == Status.FAIL) {
                (isNew ? added : still).add(sf);
            }
        }
        Scan scan = new Scan("scan-2", new ArrayList<>(scopes), "schedule", started, now.minusSeconds(60), "COMPLETE");
        List<ScoreSeries> history = new ArrayList<>();
        for (String id : List.of("", "aws", "azure", "gcp")) {
            List<ScoreSnapshot> points = new ArrayList<>();
            for (int d = 90; d >= 1; d--) {
                double p = 40 + random.nextInt(30);
                points.add(new ScoreSnapshot(id.isEmpty() ? "overall" : "provider", id, p, 100, p,
                        now.minus(Duration.ofDays(d))));
            }
            history.add(new ScoreSeries(id.isEmpty() ? "overall" : "provider", id, points));
        }
        ReportDelta delta = new ReportDelta(List.of("scan-1"), List.of("scan-2"), added, List.of(), still);
        return new ReportInputs(now, List.of(scan), findings, 0, history, Map.of(), delta);
    }
}
