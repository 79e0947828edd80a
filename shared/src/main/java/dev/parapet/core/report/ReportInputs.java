package dev.parapet.core.report;

import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Severity;
import dev.parapet.core.store.Delta;
import dev.parapet.core.store.FindingFilter;
import dev.parapet.core.store.Scan;
import dev.parapet.core.store.ScoreSnapshot;
import dev.parapet.core.store.Store;
import dev.parapet.core.store.StoredFinding;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a report is computed from, as read from the store (or assembled in memory by a caller that has no store).
 *
 * @param scans      the latest complete scan per scope, newest first
 * @param findings   current findings in those scans' scopes
 * @param outOfScope current findings outside every one of those scopes (left out of the report)
 * @param history    daily score points per scope, oldest first; empty series are left out
 * @param previous   per "kind|id", the last score point recorded before the report's scans started
 */
public record ReportInputs(Instant generatedAt, List<Scan> scans, List<StoredFinding> findings, int outOfScope,
                           List<ScoreSeries> history, Map<String, ScoreSnapshot> previous, ReportDelta delta) {
    /** How many recent scans are looked at to find the latest complete scan of every scope. */
    public static final int SCAN_LOOKBACK = 1000;

    /** Most severe first, then by cloud, account, resource and rule: the order every list of findings uses. */
    public static final Comparator<StoredFinding> ORDER = Comparator
            .comparing((StoredFinding f) -> f.finding().severity(), Comparator.<Severity>reverseOrder())
            .thenComparing(f -> f.finding().resource().provider())
            .thenComparing(f -> f.finding().resource().account())
            .thenComparing(f -> f.finding().resource().id())
            .thenComparing(f -> f.finding().ruleId());

    public ReportInputs {
        scans = List.copyOf(scans);
        findings = List.copyOf(findings);
        history = List.copyOf(history);
        previous = Map.copyOf(previous);
    }

    static String scopeKey(String kind, String id) {
        return kind + "|" + id;
    }

    /** Reads the latest complete scans, their current findings, the score history and the delta from a store. */
    public static ReportInputs fromStore(Store store, Instant now, int historyDays) {
        List<Scan> complete = ScanSelection.complete(store.scans(SCAN_LOOKBACK));
        List<Scan> latest = ScanSelection.latestPerScope(complete);
        List<StoredFinding> inScope = new ArrayList<>();
        int outOfScope = 0;
        for (StoredFinding f : store.findings(FindingFilter.CURRENT)) {
            if (ScanSelection.covers(latest, f.finding().resource())) {
                inScope.add(f);
            } else {
                outOfScope++;
            }
        }
        Instant from = now.minus(Duration.ofDays(historyDays));
        List<ScoreSeries> history = new ArrayList<>();
        Map<String, ScoreSnapshot> previous = new LinkedHashMap<>();
        addSeries(store, "overall", "", from, now, latest, history, previous);
        for (Provider p : Provider.values()) {
            List<Scan> ofProvider = latest.stream()
                    .filter(s -> s.scopes().stream().anyMatch(scope -> scope.provider() == p)).toList();
            addSeries(store, "provider", p.key(), from, now, ofProvider, history, previous);
        }
        return new ReportInputs(now, latest, inScope, outOfScope, history, previous, delta(store, complete, latest));
    }

    private static void addSeries(Store store, String kind, String id, Instant from, Instant to, List<Scan> scans,
                                  List<ScoreSeries> history, Map<String, ScoreSnapshot> previous) {
        List<ScoreSnapshot> points = store.dailyScores(kind, id, from, to);
        if (points.isEmpty()) {
            return;
        }
        history.add(new ScoreSeries(kind, id, points));
        // The store keeps the latest point per day, so the last point before the scans is the previous report's.
        Optional<Instant> cutoff = ScanSelection.earliestStart(scans);
        points.stream().filter(p -> cutoff.isEmpty() || p.at().isBefore(cutoff.get()))
                .reduce((a, b) -> b)
                .ifPresent(p -> previous.put(scopeKey(kind, id), p));
    }

    /** One store delta per latest scan against its baseline, merged; a newer scan's verdict on a finding wins. */
    static ReportDelta delta(Store store, List<Scan> complete, List<Scan> latest) {
        Map<String, StoredFinding> added = new LinkedHashMap<>();
        Map<String, StoredFinding> fixed = new LinkedHashMap<>();
        Map<String, StoredFinding> still = new LinkedHashMap<>();
        List<String> baselines = new ArrayList<>();
        List<Scan> oldestFirst = new ArrayList<>(latest);
        oldestFirst.sort(ScanSelection.NEWEST_FIRST.reversed());
        for (Scan scan : oldestFirst) {
            String baseline = ScanSelection.baseline(scan, complete).map(Scan::id).orElse(null);
            if (baseline != null && !baselines.contains(baseline)) {
                baselines.add(baseline);
            }
            Delta d = store.delta(baseline, scan.id());
            put(d.newFailures(), added, fixed, still);
            put(d.fixed(), fixed, added, still);
            put(d.stillFailing(), still, added, fixed);
        }
        return new ReportDelta(baselines, latest.stream().map(Scan::id).toList(), sorted(added), sorted(fixed),
                sorted(still));
    }

    private static void put(List<StoredFinding> findings, Map<String, StoredFinding> into,
                            Map<String, StoredFinding> other1, Map<String, StoredFinding> other2) {
        for (StoredFinding f : findings) {
            other1.remove(f.key());
            other2.remove(f.key());
            into.put(f.key(), f);
        }
    }

    private static List<StoredFinding> sorted(Map<String, StoredFinding> findings) {
        List<StoredFinding> out = new ArrayList<>(findings.values());
        out.sort(ORDER);
        return out;
    }
}
