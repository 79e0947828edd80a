package dev.parapet.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A scan can hold 100k resources, so no step of parsing may be quadratic. The two places where one could hide are
 * the accumulation of results (ParseResult.Builder, behind every list loop, every file and every JSON Lines file)
 * and the joining of asset halves. Each is run on n and 32n cheap elements (up to 200k), so that accumulation dominates: linear
 * work costs up to about 100 times as much (32 times, more once the data outgrows the CPU caches), one O(n²) step
 * (copying the result per element, a pairwise search) about 1000 times. The cost is this thread's CPU time, best of
 * three runs: unlike wall time it does not grow when other builds load the machine or the collector runs.
 */
class LargeInputTest {
    private static final int SIZES = 32;
    private static final int MAX_RATIO = 250;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void resultsOfListPagesAccumulateInLinearTime() {
        assertLinear("list page", 3_125, n -> {
            ObjectNode page = Json.MAPPER.createObjectNode();
            page.set("value", numbers(n)); // each element is a problem: the cheapest thing to parse
            return () -> {
                ParseResult parsed = ResourceParser.parse(page, "page.json", Inputs.NOW);
                assertThat(parsed.problems()).hasSize(n);
                assertThat(parsed.problems().get(n - 1).source()).isEqualTo("page.json value[" + (n - 1) + "]");
                return parsed;
            };
        });
    }

    @Test
    void joiningAssetHalvesIsLinear() {
        JsonNode resourceHalf = Json.MAPPER.createObjectNode().set("resource", Json.MAPPER.createObjectNode());
        JsonNode iamHalf = Json.MAPPER.createObjectNode().set("iamPolicy", Json.MAPPER.createObjectNode());
        Instant older = Instant.parse("2026-01-01T00:00:00Z");
        Instant newer = Instant.parse("2026-01-02T00:00:00Z");
        assertLinear("merge", 6_250, n -> {
            List<Resource> resources = new ArrayList<>(n);
            for (int i = 0; i < n / 2; i++) {
                String name = "//storage.googleapis.com/b" + i;
                resources.add(half(name, resourceHalf, older));
                resources.add(half(name, iamHalf, newer));
            }
            return () -> {
                List<Resource> merged = GcpAssetMerger.merge(resources);
                assertThat(merged).hasSize(n / 2);
                assertThat(merged.get(0).document().has("resource") && merged.get(0).document().has("iamPolicy")).isTrue();
                return merged;
            };
        });
    }

    private static ArrayNode numbers(int n) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        return list;
    }

    private static Resource half(String name, JsonNode content, Instant time) {
        ObjectNode doc = ((ObjectNode) content).deepCopy();
        doc.put("name", name);
        doc.put("assetType", "storage.googleapis.com/Bucket");
        return new Resource(Provider.GCP, name, "storage.googleapis.com/Bucket", "1", "eu", "b", Map.of(), time, false, doc);
    }

    /** @param workOfSize prepares the input of a size and returns the work to measure on it */
    private static void assertLinear(String what, int n, IntFunction<Supplier<?>> workOfSize) {
        assumeTrue(THREADS.isCurrentThreadCpuTimeSupported(), "thread CPU time is measurable on this JVM");
        Supplier<?> small = workOfSize.apply(n);
        Supplier<?> large = workOfSize.apply(SIZES * n);
        for (int i = 0; i < 3; i++) {
            small.get(); // let the JIT compile the path before it is measured
        }
        long smallNanos = Long.MAX_VALUE;
        long largeNanos = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            smallNanos = Math.min(smallNanos, nanos(small));
            largeNanos = Math.min(largeNanos, nanos(large));
            if (largeNanos / MAX_RATIO > smallNanos * 2) {
                break; // clearly quadratic: no need to wait for more runs
            }
        }
        assertThat(largeNanos).as("%s: %d elements took %d ms of CPU, %d took %d ms", what, SIZES * n,
                largeNanos / 1_000_000, n, smallNanos / 1_000_000).isLessThan(smallNanos * MAX_RATIO);
    }

    private static long nanos(Supplier<?> work) {
        long start = THREADS.getCurrentThreadCpuTime();
        work.get();
        return THREADS.getCurrentThreadCpuTime() - start;
    }
}
