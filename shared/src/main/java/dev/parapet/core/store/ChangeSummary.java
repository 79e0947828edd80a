package dev.parapet.core.store;

/**
 * Counts of what an event-driven write changed.
 *
 * @param findingsWritten findings whose row changed (0 when the same assessment is written again)
 * @param stale           documents (resources and deletions) older than the stored state, hence ignored
 */
public record ChangeSummary(int findingsWritten, int opened, int resolved, int reopened, int stale) {
}
