package dev.parapet.core.store;

import java.util.List;

/** Findings between a baseline scan and a later one: newly failing, fixed, and failing in both. */
public record Delta(String baselineScanId, String scanId, List<StoredFinding> newFailures, List<StoredFinding> fixed,
                   List<StoredFinding> stillFailing) {
}
