package dev.parapet.core.report;

import dev.parapet.core.store.StoredFinding;

import java.util.List;

/**
 * Findings that changed between the report's scans and the scans before them, merged over every scope.
 *
 * @param baselineScanIds the earlier scans compared against (empty: everything failing counts as new)
 * @param scanIds         the report's scans
 */
public record ReportDelta(List<String> baselineScanIds, List<String> scanIds, List<StoredFinding> newFailures,
                          List<StoredFinding> fixed, List<StoredFinding> stillFailing) {
    public ReportDelta {
        baselineScanIds = List.copyOf(baselineScanIds);
        scanIds = List.copyOf(scanIds);
        newFailures = List.copyOf(newFailures);
        fixed = List.copyOf(fixed);
        stillFailing = List.copyOf(stillFailing);
    }

    public static ReportDelta none() {
        return new ReportDelta(List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
