package dev.parapet.aws.scan;

import dev.parapet.core.model.Finding;
import dev.parapet.core.rules.RuleSet;
import dev.parapet.core.run.BatchAssessor;
import dev.parapet.core.score.ScoreCalculator;
import dev.parapet.core.score.ScoreReport;
import dev.parapet.core.store.FindingFilter;
import dev.parapet.core.store.ScanSummary;
import dev.parapet.core.store.Store;
import dev.parapet.core.store.StoredFinding;

import java.time.Instant;
import java.util.List;

/**
 * Completes a fan-out scan once all its parts reported: the store resolves what the scan no longer saw, then the
 * secure score is recomputed from the store's current findings (every provider, so overall and per-provider points
 * stay right) and recorded for the scan.
 */
public final class ScanFinisher {
    private final RuleSet rules;
    private final ScoreCalculator scores;

    public ScanFinisher(RuleSet rules, ScoreCalculator scores) {
        this.rules = rules;
        this.scores = scores;
    }

    public ScanSummary finish(Store store, String scanId, Instant now) {
        ScanSummary summary = store.finishScan(scanId, now);
        List<Finding> current = store.findings(FindingFilter.CURRENT).stream().map(StoredFinding::finding).toList();
        ScoreReport report = scores.compute(current, rules);
        store.recordScores(scanId, now, BatchAssessor.snapshots(report, now));
        return summary;
    }
}
