package dev.parapet.gcp;

import dev.parapet.gcp.function.AssetFeedFunction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures the feed function's cold start as the Functions runtime sees it: a fresh JVM running the invoker on the
 * deployable jar, until it listens, then the first feed event (rules compiled, store opened and migrated, one asset
 * assessed and written to a fresh SQLite store). Not a test: run by functions-gcp/scripts/cold-start.sh.
 * Usage: ColdStart JAR RUNS [JVM_OPTION...]
 */
public final class ColdStart {
    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        int runs = Integer.parseInt(args[1]);
        List<String> jvm = List.of(args).subList(2, args.length);
        String message = Files.readString(Path.of("src/test/resources/cloudasset/feed-message.json"));
        List<long[]> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Path dir = Files.createTempDirectory("parapet-cold-start");
            long start = System.nanoTime();
            try (FunctionProcess f = FunctionProcess.start(AssetFeedFunction.class,
                    Map.of("PARAPET_STORE_URL", "sqlite:" + dir.resolve("findings.db")), dir, jar, jvm)) {
                long listening = System.nanoTime();
                int status = f.deliver(Events.headers("parapet-asset-feed"), Events.body(Events.base64(message)));
                long answered = System.nanoTime();
                if (status != 200) {
                    throw new IllegalStateException("first event answered " + status + ":\n" + f.logText());
                }
                times.add(new long[]{(listening - start) / 1_000_000, (answered - listening) / 1_000_000,
                        (answered - start) / 1_000_000});
            }
        }
        System.out.println("run  invoker-listening-ms  first-event-ms  total-ms");
        for (int i = 0; i < times.size(); i++) {
            long[] t = times.get(i);
            System.out.printf(Locale.ROOT, "%3d  %20d  %14d  %8d%n", i + 1, t[0], t[1], t[2]);
        }
        long[] sorted = times.stream().mapToLong(t -> t[2]).sorted().toArray();
        System.out.printf(Locale.ROOT, "median total %d ms (jvm options: %s)%n", sorted[sorted.length / 2], jvm);
    }
}
