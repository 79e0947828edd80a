package dev.parapet.core.run;

import dev.parapet.core.compliance.ComplianceCalculator;
import dev.parapet.core.compliance.StandardResult;
import dev.parapet.core.compliance.Standards;
import dev.parapet.core.engine.Assessment;
import dev.parapet.core.engine.Engine;
import dev.parapet.core.model.Resource;
import dev.parapet.core.score.ScopeScore;
import dev.parapet.core.score.ScoreCalculator;
import dev.parapet.core.score.ScoreReport;
import dev.parapet.core.store.Scan;
import dev.parapet.core.store.ScanScope;
import dev.parapet.core.store.ScanSummary;
import dev.parapet.core.store.ScoreSnapshot;
import dev.parapet.core.store.Store;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The one path from a batch of resources to findings, score, compliance and (optionally) the store, shared by
 * the CLI and the scheduled functions.
 */
public final class BatchAssessor {
    private final Engine engine;
    private final ScoreCalculator scores;
    private final Standards standards;
    private final Clock clock;

    public BatchAssessor(Engine engine, ScoreCalculator scores, Standards standards, Clock clock) {
        this.engine = engine;
        this.scores = scores;
        this.standards = standards;
        this.clock = clock;
    }

    /**
     * @param scopes what the batch completely covers; null derives one scope per (provider, account) seen.
     *               An empty list records a partial scan that resolves nothing it did not see.
     * @param store  null to assess without storing
     */
    public BatchResult assess(Collection<Resource> resources, String trigger, List<ScanScope> scopes, Store store) {
        return assess(resources, trigger, scopes, store, UnaryOperator.identity());
    }

    /**
     * @param adjust rewrites the engine's assessment before it is scored and stored: a collector that could not list
     *               some resource types turns the findings that depend on them into ERROR
     */
    public BatchResult assess(Collection<Resource> resources, String trigger, List<ScanScope> scopes, Store store,
                              UnaryOperator<Assessment> adjust) {
        Instant started = clock.instant();
        Assessment assessment = adjust.apply(engine.assess(resources));
        ScoreReport score = scores.compute(assessment.findings(), engine.rules());
        List<StandardResult> compliance = ComplianceCalculator.compute(standards, engine.rules(), assessment.findings());
        List<ScanScope> covered = scopes != null ? scopes : scopesOf(resources);
        Scan scan = Scan.running(UUID.randomUUID().toString(), covered, trigger, started);
        ScanSummary stored = null;
        if (store != null) {
            Instant finished = clock.instant();
            stored = store.recordScan(scan, assessment, finished);
            store.recordScores(scan.id(), finished, snapshots(score, finished));
            scan = store.scan(scan.id()).orElse(scan);
        } else {
            scan = new Scan(scan.id(), covered, trigger, started, clock.instant(), "COMPLETE");
        }
        return new BatchResult(scan, assessment, score, compliance, stored);
    }

    static List<ScanScope> scopesOf(Collection<Resource> resources) {
        Set<ScanScope> out = new LinkedHashSet<>();
        for (Resource r : resources) {
            if (!r.account().isEmpty()) {
                out.add(new ScanScope(r.provider(), r.account(), null));
            }
        }
        return new ArrayList<>(out);
    }

    public static List<ScoreSnapshot> snapshots(ScoreReport report, Instant at) {
        List<ScoreSnapshot> out = new ArrayList<>();
        out.add(snapshot(report.overall(), at));
        report.byProvider().forEach(s -> out.add(snapshot(s, at)));
        report.byAccount().forEach(s -> out.add(snapshot(s, at)));
        return out;
    }

    private static ScoreSnapshot snapshot(ScopeScore s, Instant at) {
        return new ScoreSnapshot(s.kind(), s.id(), s.score(), s.maxScore(), s.percent(), at);
    }
}
