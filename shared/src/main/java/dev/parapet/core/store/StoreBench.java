package dev.parapet.core.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.engine.Assessment;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;
import dev.parapet.core.model.Severity;
import dev.parapet.core.model.Status;
import dev.parapet.core.score.ScopeScore;
import dev.parapet.core.score.ScoreCalculator;
import dev.parapet.core.score.SecurityControls;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Times the store, for {@code parapet bench-store}. Writes synthetic resources and findings under a fresh account
 * "bench-RUN" (point it at a scratch store): a first scan inserts them, a second scan observes every resource
 * again later with every status flipped, so each finding changes state and gains a history row. Parts are built
 * just before they are written and only store calls are timed. Then the account's score is computed from the store:
 * its current findings read back, then {@link ScoreCalculator}.
 */
public final class StoreBench {
    static final int RULES_PER_RESOURCE = 4;
    /** Real secure-score controls, one per bench rule, so that the score is a real computation. */
    private static final List<String> CONTROLS = List.of("enable-encryption-at-rest", "encrypt-data-in-transit",
            "restrict-unauthorized-network-access", "auditing-and-logging");

    /**
     * Elapsed times; rates are findings per second.
     *
     * @param insert    first scan: begin, every part (resources + findings inserted), finish
     * @param update    second scan: every finding re-observed with its status flipped (update + history row)
     * @param readScope reading the account's current findings back from the store
     * @param score     computing the account's secure score from them
     */
    public record Result(String account, int findings, int batchSize, Duration insert, Duration update,
                         Duration readScope, Duration score, Double percent) {
        public double insertsPerSecond() {
            return rate(insert);
        }

        public double updatesPerSecond() {
            return rate(update);
        }

        private double rate(Duration d) {
            return findings / Math.max(1e-9, d.toNanos() / 1e9);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d findings in batches of %d: insert %.0f/s (%.1f s), update %.0f/s "
                            + "(%.1f s), score of the account %.2f s (read %.2f s + compute %.2f s)",
                    findings, batchSize, insertsPerSecond(), seconds(insert), updatesPerSecond(), seconds(update),
                    seconds(readScope.plus(score)), seconds(readScope), seconds(score));
        }

        private static double seconds(Duration d) {
            return d.toNanos() / 1e9;
        }
    }

    private StoreBench() {
    }

    /** @param findings how many findings to write (rounded up to whole resources); each scan writes them all */
    public static Result run(Store store, int findings, int batchSize) {
        if (findings <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("findings and batch size must be positive (got " + findings + ", "
                    + batchSize + ")");
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        String account = "bench-" + run;
        int resources = (findings + RULES_PER_RESOURCE - 1) / RULES_PER_RESOURCE;
        Instant t0 = Instant.now().minusSeconds(3600);
        Duration insert = scan(store, run + "-1", account, resources, batchSize, t0, false);
        Duration update = scan(store, run + "-2", account, resources, batchSize, t0.plusSeconds(60), true);

        long start = System.nanoTime();
        List<Finding> current = store.findings(new FindingFilter(Provider.AWS, account, null, null, false)).stream()
                .map(StoredFinding::finding).toList();
        Duration read = Duration.ofNanos(System.nanoTime() - start);
        start = System.nanoTime();
        ScopeScore score = new ScoreCalculator(SecurityControls.builtIn()).scope("account", "aws:" + account, current);
        Duration compute = Duration.ofNanos(System.nanoTime() - start);
        return new Result(account, resources * RULES_PER_RESOURCE, batchSize, insert, update, read, compute,
                score.percent());
    }

    private static Duration scan(Store store, String scanId, String account, int resources, int batchSize,
                                 Instant observed, boolean flipped) {
        int perPart = Math.max(1, batchSize / RULES_PER_RESOURCE);
        long elapsed = 0;
        long start = System.nanoTime();
        store.beginScan(Scan.running(scanId, List.of(new ScanScope(Provider.AWS, account, null)), "bench", observed));
        elapsed += System.nanoTime() - start;
        for (int from = 0; from < resources; from += perPart) {
            Assessment part = part(account, from, Math.min(resources, from + perPart), observed, flipped);
            start = System.nanoTime();
            store.recordScanPart(scanId, part);
            elapsed += System.nanoTime() - start;
        }
        start = System.nanoTime();
        store.finishScan(scanId, observed.plusSeconds(30));
        elapsed += System.nanoTime() - start;
        return Duration.ofNanos(elapsed);
    }

    private static Assessment part(String account, int from, int to, Instant observed, boolean flipped) {
        List<Resource> resources = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String name = account + "-bucket-" + i;
            ObjectNode doc = Json.MAPPER.createObjectNode();
            doc.put("resourceType", "AWS::S3::Bucket");
            doc.put("resourceId", name);
            doc.put("awsAccountId", account);
            doc.put("awsRegion", "us-east-1");
            doc.putObject("configuration").put("name", name);
            Resource r = new Resource(Provider.AWS, "arn:aws:s3:::" + name, "AWS::S3::Bucket", account, "us-east-1",
                    name, Map.of("env", "bench"), observed, false, doc);
            resources.add(r);
            for (int rule = 0; rule < RULES_PER_RESOURCE; rule++) {
                boolean fail = ((i + rule) % 2 == 0) != flipped;
                findings.add(new Finding("bench-rule-" + rule, "Bench rule " + rule, Severity.MEDIUM,
                        fail ? Status.FAIL : Status.PASS, r.ref(), CONTROLS.get(rule),
                        Map.of("CIS-AWS-7.0.0", List.of("1." + rule)),
                        fail ? Map.of("setting", "off") : Map.of(), observed));
            }
        }
        return new Assessment(findings, resources, List.of(), findings.size());
    }
}
