package dev.parapet.core.store;

/**
 * Counts of what a scan changed.
 *
 * @param findingsWritten findings this scan saw (written or confirmed unchanged)
 * @param resolved        resolutions during the scan: by PASS, by deletion and by its finish (not seen)
 * @param notSeen         findings its finish made inactive because the scan no longer saw them
 */
public record ScanSummary(String scanId, int findingsWritten, int opened, int resolved, int reopened, int notSeen) {
}
