package dev.parapet.core.store;

/** Counts of what finishing a scan changed. */
public record ScanSummary(String scanId, int findingsWritten, int opened, int resolved, int reopened, int notSeen) {
}
