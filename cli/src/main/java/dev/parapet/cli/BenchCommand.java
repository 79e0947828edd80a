package dev.parapet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.cli.estate.SampleEstate;
import dev.parapet.core.engine.Assessment;
import dev.parapet.core.engine.Engine;
import dev.parapet.core.ingest.ParseResult;
import dev.parapet.core.ingest.ResourceParser;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Resource;
import dev.parapet.core.model.Status;
import dev.parapet.core.rules.RuleCatalog;
import dev.parapet.core.score.SecurityControls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import dev.parapet.core.compliance.Standards;
import dev.parapet.core.run.BatchAssessor;
import dev.parapet.core.run.BatchResult;
import dev.parapet.core.score.ScoreCalculator;
import dev.parapet.core.store.Store;
import dev.parapet.core.store.StoreUrl;
import dev.parapet.core.store.Stores;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code parapet bench}: generates a synthetic estate in memory, parses it, and times the engine with the built-in
 * rules after warm-up runs, reporting throughput, findings and heap use; then a whole scan into a store, twice.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the assessment engine, and a whole scan into a store, on a synthetic estate generated in memory.")
public final class BenchCommand implements Callable<Integer> {
    private static final double MB = 1024.0 * 1024.0;

    @Spec
    CommandSpec spec;

    @Option(names = "--resources", defaultValue = "10000", description = "Resources in the estate (default: ${DEFAULT-VALUE}).")
    int resources;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed of the estate (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--iterations", defaultValue = "5", description = "Measured engine runs (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--warmup", defaultValue = "2", description = "Unmeasured engine runs first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--store", paramLabel = "URL", description = "Store for the end-to-end run (default: a scratch SQLite "
            + "file, deleted afterwards). Point it at a scratch PostgreSQL database, never a production one.")
    String storeUrl;

    @Option(names = "--no-store", description = "Measure the engine only.")
    boolean noStore;

    @Override
    public Integer call() throws IOException {
        check(resources >= 1, "--resources must be at least 1, got " + resources);
        check(iterations >= 1, "--iterations must be at least 1, got " + iterations);
        check(warmup >= 0, "--warmup must be 0 or more, got " + warmup);
        PrintWriter out = spec.commandLine().getOut();

        long start = System.nanoTime();
        SampleEstate.Estate estate = SampleEstate.generate(resources, seed);
        long generated = System.nanoTime() - start;

        start = System.nanoTime();
        List<Resource> batch = parse(estate);
        long parsed = System.nanoTime() - start;

        RuleCatalog.Loaded loaded = RuleCatalog.load(SecurityControls.builtIn().ids(), true, List.of());
        // ages are judged at the moment the sample estate is observed, so the findings do not drift with the date
        Engine engine = new Engine(loaded.rules(), Clock.fixed(estate.anchor(), ZoneOffset.UTC));

        out.printf(Locale.ROOT, "Parapet engine benchmark (%d CPUs, max heap %.0f MB)%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / MB);
        out.printf(Locale.ROOT, "  estate        %d resources (aws %d, azure %d, gcp %d), seed %d, %d misconfigured%n",
                estate.size(), estate.aws().size(), estate.azure().size(), estate.gcp().size(), seed, estate.misconfigured());
        out.printf(Locale.ROOT, "  rules         %d built-in%s%n", loaded.rules().size(),
                loaded.problems().isEmpty() ? "" : " (" + loaded.problems().size() + " failed to load, first: " + loaded.problems().get(0) + ")");
        out.printf(Locale.ROOT, "  generate      %s%n", millis(generated));
        out.printf(Locale.ROOT, "  parse         %s, %s resources/s%n", millis(parsed), rate(batch.size(), parsed));

        for (int i = 0; i < warmup; i++) {
            engine.assess(batch);
        }
        System.gc();
        long heapBefore = heapUsed();
        List<MemoryPoolMXBean> heapPools = heapPools();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        long[] gcBefore = gcTotals();
        long[] times = new long[iterations];
        long[] cpu = new long[iterations];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Assessment last = null;
        for (int i = 0; i < iterations; i++) {
            long c = threads.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            last = engine.assess(batch);
            times[i] = System.nanoTime() - t;
            cpu[i] = threads.getCurrentThreadCpuTime() - c;
        }
        long peak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long[] gcAfter = gcTotals();

        long[] sorted = times.clone();
        Arrays.sort(sorted);
        long median = sorted[sorted.length / 2];
        long[] sortedCpu = cpu.clone();
        Arrays.sort(sortedCpu);
        long medianCpu = sortedCpu[sortedCpu.length / 2];
        int assessed = last.resources().size();
        out.printf(Locale.ROOT, "  engine        median %s, best %s over %d runs after %d warm-up (CPU time of the run: median %s)%n",
                millis(median), millis(sorted[0]), iterations, warmup, millis(medianCpu));
        out.printf(Locale.ROOT, "  throughput    %s resources/s, %s rule evaluations/s (%d evaluations a run)%n",
                rate(assessed, median), rate(last.evaluations(), median), last.evaluations());
        // On a shared machine wall time includes waiting for a CPU; CPU time shows what the engine itself costs.
        out.printf(Locale.ROOT, "  per CPU       %s resources/s, %s rule evaluations/s%n",
                rate(assessed, medianCpu), rate(last.evaluations(), medianCpu));
        out.printf(Locale.ROOT, "  findings      %s%n", findings(last.findings()));
        out.printf(Locale.ROOT, "  heap          peak %.0f MB during runs (in use before %.0f MB); GC %d collections, %d ms%n",
                peak / MB, heapBefore / MB, gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
        if (!noStore) {
            endToEndWithStore(out, engine, batch);
        }
        out.flush();
        return 0;
    }

    /**
     * What a scheduled scan does end to end: engine, score, compliance, then the scan and score history written to
     * a store. The first run inserts every finding; the second writes the same assessment again (the steady state of
     * a daily scan, where the store's idempotent upserts change nothing).
     */
    private void endToEndWithStore(PrintWriter out, Engine engine, List<Resource> batch) throws IOException {
        Path scratch = null;
        String url = storeUrl;
        if (url == null) {
            scratch = Files.createTempDirectory("parapet-bench");
            url = "sqlite:" + scratch.resolve("bench.db");
        }
        BatchAssessor assessor = new BatchAssessor(engine, new ScoreCalculator(SecurityControls.builtIn()),
                Standards.builtIn(), Clock.systemUTC());
        try (Store store = Stores.open(url)) {
            for (String run : List.of("first scan", "same scan again")) {
                long t = System.nanoTime();
                BatchResult result = assessor.assess(batch, "bench", null, store);
                long elapsed = System.nanoTime() - t;
                int findings = result.assessment().findings().size();
                out.printf(Locale.ROOT, "  with store    %-15s %s: %s resources/s, %s findings/s end to end (%s)%n",
                        run, millis(elapsed), rate(batch.size(), elapsed), rate(findings, elapsed), StoreUrl.mask(url));
            }
            if (scratch != null) {
                out.printf(Locale.ROOT, "  store size    %.1f MB (SQLite file with its WAL)%n", folderSize(scratch) / MB);
            }
        } finally {
            if (scratch != null) {
                deleteTree(scratch);
            }
        }
    }

    private static long folderSize(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    private static List<Resource> parse(SampleEstate.Estate estate) {
        List<Resource> out = new ArrayList<>(estate.size());
        int i = 0;
        for (ObjectNode document : estate.all()) {
            ParseResult r = ResourceParser.parse(document, "sample[" + i++ + "]", estate.anchor());
            if (!r.problems().isEmpty()) {
                throw new IllegalStateException("the sample estate produced an unreadable document: " + r.problems().get(0));
            }
            out.addAll(r.resources());
        }
        return out;
    }

    private static String findings(List<Finding> findings) {
        Map<Status, Integer> byStatus = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            byStatus.put(s, 0);
        }
        findings.forEach(f -> byStatus.merge(f.status(), 1, Integer::sum));
        StringBuilder b = new StringBuilder().append(findings.size()).append(" (");
        byStatus.forEach((s, n) -> b.append(s).append(' ').append(n).append(", "));
        b.setLength(b.length() - 2);
        return b.append(')').toString();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Collections and milliseconds spent in GC so far, over all collectors. */
    private static long[] gcTotals() {
        long count = 0;
        long time = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            time += Math.max(0, gc.getCollectionTime());
        }
        return new long[]{count, time};
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static String rate(long count, long nanos) {
        return String.format(Locale.ROOT, "%,.0f", count / Math.max(nanos / 1e9, 1e-9));
    }
}
