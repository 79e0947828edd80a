package dev.parapet.cli;

import java.io.PrintStream;

/** Progress lines on stderr for long runs: at most one every two seconds, so short runs stay quiet. */
final class Progress {
    private static final long INTERVAL_NANOS = 2_000_000_000L;
    private final PrintStream err;
    private final boolean quiet;
    private long last = System.nanoTime();

    Progress(PrintStream err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    void tick(String message) {
        long now = System.nanoTime();
        if (!quiet && now - last >= INTERVAL_NANOS) {
            last = now;
            err.println("parapet: " + message);
        }
    }

    void say(String message) {
        if (!quiet) {
            err.println("parapet: " + message);
        }
    }
}
