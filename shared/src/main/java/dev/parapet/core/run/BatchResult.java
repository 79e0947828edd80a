package dev.parapet.core.run;

import dev.parapet.core.compliance.StandardResult;
import dev.parapet.core.engine.Assessment;
import dev.parapet.core.score.ScoreReport;
import dev.parapet.core.store.Scan;
import dev.parapet.core.store.ScanSummary;

import java.util.List;

/** Everything one batch assessment produced; {@code stored} is null when no store was used. */
public record BatchResult(Scan scan, Assessment assessment, ScoreReport score, List<StandardResult> compliance,
                          ScanSummary stored) {
}
