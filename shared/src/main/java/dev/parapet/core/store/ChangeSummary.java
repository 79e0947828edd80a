package dev.parapet.core.store;

/** Counts of what an event-driven write changed; {@code stale} counts documents older than the stored state. */
public record ChangeSummary(int findingsWritten, int opened, int resolved, int reopened, int stale) {
}
