package dev.parapet.cli;

import dev.parapet.core.store.JdbcStore;
import dev.parapet.core.store.StoreBench;
import dev.parapet.core.store.StoreUrl;
import dev.parapet.core.store.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code parapet bench-store}: findings written per second (batch upserts in scan parts) and the time to compute an
 * account's score from the store. Writes under a fresh account: point it at a scratch store.
 */
@Command(name = "bench-store", mixinStandardHelpOptions = true,
        description = {"Measure the findings store: a scan inserting N synthetic findings in parts, a second scan "
                + "flipping every status (update + history row each), then the account's score read back and computed.",
                "Writes under a fresh account bench-XXXXXXXX: use a scratch store (default: a temporary SQLite file)."})
final class StoreBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "URL", description = "Store to write into (default: a temporary SQLite file).")
    String store;

    @Option(names = "--findings", paramLabel = "N", defaultValue = "10000",
            description = "Findings per scan, 4 per resource (default: ${DEFAULT-VALUE}).")
    int findings;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1000",
            description = "Findings per scan part, one transaction each (default: ${DEFAULT-VALUE}).")
    int batch;

    @Override
    public Integer call() throws IOException {
        if (findings < 1 || batch < 1) {
            throw new ParameterException(spec.commandLine(), "--findings and --batch must be at least 1");
        }
        Path temp = null;
        String url = store;
        if (url == null || url.isBlank()) {
            temp = Files.createTempDirectory("parapet-bench-store");
            url = "sqlite:" + temp.resolve("bench.db");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (JdbcStore s = Stores.open(url)) {
            out.printf(Locale.ROOT, "Parapet store benchmark: %s, %d CPUs, load average %.1f%n", StoreUrl.mask(url),
                    Runtime.getRuntime().availableProcessors(), load());
            out.flush();
            StoreBench.Result r = StoreBench.run(s, findings, batch);
            out.printf(Locale.ROOT, "  findings      %d (%d resources) in parts of %d, account %s%n", r.findings(),
                    r.findings() / 4, r.batchSize(), r.account());
            out.printf(Locale.ROOT, "  insert scan   %,.0f findings/s (%.1f s)%n", r.insertsPerSecond(), secs(r.insert()));
            out.printf(Locale.ROOT, "  update scan   %,.0f findings/s (%.1f s)%n", r.updatesPerSecond(), secs(r.update()));
            out.printf(Locale.ROOT, "  account score %.2f s: read %d findings %.2f s + compute %.3f s (score %.1f%%)%n",
                    secs(r.readScope().plus(r.score())), r.findings(), secs(r.readScope()), secs(r.score()),
                    r.percent() == null ? Double.NaN : r.percent());
            out.printf(Locale.ROOT, "  load average  %.1f at the end%n", load());
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static double secs(java.time.Duration d) {
        return d.toNanos() / 1e9;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
