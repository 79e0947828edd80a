package dev.parapet.core.report;

import dev.parapet.core.compliance.ComplianceCalculator;
import dev.parapet.core.compliance.StandardResult;
import dev.parapet.core.compliance.Standards;
import dev.parapet.core.model.Finding;
import dev.parapet.core.rules.RuleSet;
import dev.parapet.core.score.ScopeScore;
import dev.parapet.core.score.ScoreCalculator;
import dev.parapet.core.score.ScoreReport;
import dev.parapet.core.store.ScoreSnapshot;
import dev.parapet.core.store.Store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one path from the store to a report model, shared by {@code parapet report} and the scheduled functions:
 * current findings of the latest complete scans, the secure score and compliance computed over exactly those
 * findings, the daily score history per cloud, the change since the previous report, and the delta since the
 * previous scans.
 */
public final class ReportBuilder {
    public static final int DEFAULT_HISTORY_DAYS = 90;

    private final RuleSet rules;
    private final ScoreCalculator scores;
    private final Standards standards;
    private final Clock clock;
    private final int historyDays;

    /**
     * @param rules the rules the findings came from: remediation text and the rule-to-requirement mapping of
     *              compliance come from them
     */
    public ReportBuilder(RuleSet rules, ScoreCalculator scores, Standards standards, Clock clock, int historyDays) {
        if (historyDays < 1) {
            throw new IllegalArgumentException("history days must be at least 1, got " + historyDays);
        }
        this.rules = rules;
        this.scores = scores;
        this.standards = standards;
        this.clock = clock;
        this.historyDays = historyDays;
    }

    public ReportModel build(Store store) {
        return assemble(ReportInputs.fromStore(store, clock.instant(), historyDays));
    }

    /** Computes score, compliance and changes over the inputs; callers without a store assemble inputs in memory. */
    public ReportModel assemble(ReportInputs in) {
        List<Finding> findings = in.findings().stream().map(f -> f.finding()).toList();
        ScoreReport score = scores.compute(findings, rules);
        List<StandardResult> compliance = ComplianceCalculator.compute(standards, rules, findings);
        List<ScoreChange> changes = new ArrayList<>();
        changes.add(change(score.overall(), in));
        score.byProvider().forEach(p -> changes.add(change(p, in)));
        Map<String, String> remediation = new HashMap<>();
        for (Finding f : findings) {
            if (rules != null && !remediation.containsKey(f.ruleId())) {
                rules.byId(f.ruleId()).map(r -> r.rule().remediation()).filter(t -> t != null && !t.isBlank())
                        .ifPresent(t -> remediation.put(f.ruleId(), t.strip()));
            }
        }
        return new ReportModel(in.generatedAt(), in.scans(), in.findings(), in.outOfScope(), score, compliance,
                in.history(), changes, in.delta(), remediation);
    }

    private static ScoreChange change(ScopeScore scope, ReportInputs in) {
        ScoreSnapshot previous = in.previous().get(ReportInputs.scopeKey(scope.kind(), scope.id()));
        return new ScoreChange(scope.kind(), scope.id(), scope.percent(),
                previous == null ? null : previous.percent(), previous == null ? null : previous.at());
    }
}
