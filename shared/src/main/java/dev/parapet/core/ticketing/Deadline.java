package dev.parapet.core.ticketing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The end of one invocation's forwarding budget. */
record Deadline(Instant end, Clock clock) {
    static Deadline after(Duration budget, Clock clock) {
        return new Deadline(clock.instant().plus(budget), clock);
    }

    Duration remaining() {
        Duration left = Duration.between(clock.instant(), end);
        return left.isNegative() ? Duration.ZERO : left;
    }

    boolean passed() {
        return remaining().isZero();
    }
}
