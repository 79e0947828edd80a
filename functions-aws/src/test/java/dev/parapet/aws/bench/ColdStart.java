package dev.parapet.aws.bench;

import dev.parapet.aws.lambda.EventHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Cold start of the change handler in a fresh JVM, as Lambda would see it without SnapStart: JVM start to handler
 * constructed (init), to the first event assessed and stored, then the warm per-event latency. Run by
 * functions-aws/bench/cold-start.sh with the shaded jar; the store is the SQLite file in PARAPET_STORE_URL.
 */
public final class ColdStart {
    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        byte[] event;
        try (InputStream in = ColdStart.class.getResourceAsStream("/events/config-change-sg-open.json")) {
            event = in.readAllBytes();
        }
        EventHandler handler = new EventHandler();
        long init = System.currentTimeMillis() - jvmStart;
        long t0 = System.currentTimeMillis();
        dev.parapet.aws.lambda.Container.shared().rules();
        long rules = System.currentTimeMillis() - t0;
        t0 = System.currentTimeMillis();
        dev.parapet.aws.lambda.Container.shared().store();
        long store = System.currentTimeMillis() - t0;
        handler.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), null);
        long first = System.currentTimeMillis() - jvmStart;
        int warm = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        long[] times = new long[warm];
        for (int i = 0; i < warm; i++) {
            long t = System.nanoTime();
            handler.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), null);
            times[i] = System.nanoTime() - t;
        }
        Arrays.sort(times);
        System.err.printf("RESULT init_ms=%d rules_ms=%d store_open_ms=%d first_event_ms=%d warm_p50_ms=%.1f warm_p90_ms=%.1f%n",
                init, rules, store, first,
                times[warm / 2] / 1e6, times[(int) (warm * 0.9)] / 1e6);
    }
}
