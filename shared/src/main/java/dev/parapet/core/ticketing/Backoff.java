package dev.parapet.core.ticketing;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off with jitter: attempt n waits between half and all of min(max, base * 2^(n-1)). */
record Backoff(Duration base, Duration max) {
    Duration delay(int attempt) {
        long ceiling = base.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        ceiling = Math.max(1, Math.min(ceiling, max.toMillis()));
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    /** The server's Retry-After, plus up to 10% so that many clients do not return at the same instant. */
    static Duration honour(Duration retryAfter) {
        long ms = retryAfter.toMillis();
        return Duration.ofMillis(ms + ThreadLocalRandom.current().nextLong(ms / 10 + 1));
    }
}
