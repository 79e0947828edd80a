package dev.parapet.core.report;

import dev.parapet.core.compliance.StandardResult;
import dev.parapet.core.model.Finding;
import dev.parapet.core.score.ScoreReport;
import dev.parapet.core.store.Scan;
import dev.parapet.core.store.StoredFinding;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a scoring report shows, computed once and rendered by every format (HTML, JSON, CSV, OCSF), so that
 * the formats cannot disagree.
 *
 * @param scans      the latest complete scan of each scope, newest first: the report covers their scopes
 * @param findings   current findings in those scopes, in the store's order; score and compliance are computed
 *                   over exactly these
 * @param outOfScope current findings left out because no complete scan covers their scope (partial or
 *                   event-only data)
 * @param history    daily score points per cloud (and overall), oldest first
 * @param changes    overall first, then per cloud: the score now against the previous report's
 * @param remediation rule id to the rule's remediation text, for every rule a finding names
 */
public record ReportModel(Instant generatedAt, List<Scan> scans, List<StoredFinding> findings, int outOfScope,
                          ScoreReport score, List<StandardResult> compliance, List<ScoreSeries> history,
                          List<ScoreChange> changes, ReportDelta delta, Map<String, String> remediation) {
    public ReportModel {
        scans = List.copyOf(scans);
        findings = List.copyOf(findings);
        compliance = List.copyOf(compliance);
        history = List.copyOf(history);
        changes = List.copyOf(changes);
        remediation = Map.copyOf(remediation);
    }

    public List<Finding> plainFindings() {
        return findings.stream().map(StoredFinding::finding).toList();
    }

    /** Distinct resources the findings judge. */
    public long resourceCount() {
        return findings.stream().map(f -> f.finding().resource().provider().key() + "|" + f.finding().resource().id())
                .distinct().count();
    }
}
