package dev.parapet.core.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.engine.Assessment;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;
import dev.parapet.core.model.Severity;
import dev.parapet.core.model.Status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Times finding writes, for {@code parapet bench}. Writes synthetic resources and findings under a fresh account
 * "bench-RUN" (point it at a scratch store): a first scan inserts them, a second scan observes every resource
 * again later with every status flipped, so each finding changes state and gains a history row.
 */
public final class StoreBench {
    static final int RULES_PER_RESOURCE = 4;

    /** Elapsed times of both scans; rates are findings per second. */
    public record Result(int findings, int batchSize, Duration insert, Duration update) {
        public double insertsPerSecond() {
            return findings / Math.max(1e-9, insert.toNanos() / 1e9);
        }

        public double updatesPerSecond() {
            return findings / Math.max(1e-9, update.toNanos() / 1e9);
        }

        @Override
        public String toString() {
            return String.format("%d findings in batches of %d: insert %.0f/s (%d ms), update %.0f/s (%d ms)",
                    findings, batchSize, insertsPerSecond(), insert.toMillis(), updatesPerSecond(), update.toMillis());
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
        return new Result(resources * RULES_PER_RESOURCE, batchSize, insert, update);
    }

    private static Duration scan(Store store, String scanId, String account, int resources, int batchSize,
                                 Instant observed, boolean flipped) {
        List<Assessment> parts = new ArrayList<>();
        int perPart = Math.max(1, batchSize / RULES_PER_RESOURCE);
        for (int from = 0; from < resources; from += perPart) {
            parts.add(part(account, from, Math.min(resources, from + perPart), observed, flipped));
        }
        long start = System.nanoTime();
        store.beginScan(Scan.running(scanId, List.of(new ScanScope(Provider.AWS, account, null)), "bench", observed));
        for (Assessment part : parts) {
            store.recordScanPart(scanId, part);
        }
        store.finishScan(scanId, observed.plusSeconds(30));
        return Duration.ofNanos(System.nanoTime() - start);
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
                        fail ? Status.FAIL : Status.PASS, r.ref(), "security-best-practices",
                        Map.of("CIS-AWS-7.0.0", List.of("1." + rule)),
                        fail ? Map.of("setting", "off") : Map.of(), observed));
            }
        }
        return new Assessment(findings, resources, List.of(), findings.size());
    }
}
