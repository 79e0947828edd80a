package dev.parapet.core.store;

import dev.parapet.core.engine.Assessment;
import dev.parapet.core.engine.Engine;
import dev.parapet.core.engine.RelatedResources;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Resource;
import dev.parapet.core.store.FindingTable.Counts;
import dev.parapet.core.store.Lifecycle.SeenBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The store on JDBC: the same statements for SQLite and PostgreSQL (see docs/STORE.md). Open it with
 * {@link Stores#open(String)}. Thread-safe.
 */
public final class JdbcStore implements Store {
    private static final Comparator<StoredFinding> ORDER = Comparator.comparing(StoredFinding::finding, Engine.ORDER);

    private final AutoCloseable pool;
    private final Tx tx;
    private final TicketStore tickets;
    private final SchemaCheck schema;

    JdbcStore(Tx tx, AutoCloseable pool, SchemaCheck schema) {
        this.pool = pool;
        this.tx = tx;
        this.schema = schema;
        this.tickets = new JdbcTicketStore(tx, !tx.singleWriter()); // SQLite is the single-writer backend
    }

    /** What opening found and did about the schema. */
    public SchemaCheck schema() {
        return schema;
    }

    @Override
    public void beginScan(Scan scan) {
        Objects.requireNonNull(scan, "scan");
        StoreLimits.checkScan(scan);
        tx.write("begin scan " + scan.id(), c -> {
            ScanTable.begin(c, scan);
            return null;
        });
    }

    @Override
    public void recordScanPart(String scanId, Assessment part) {
        Objects.requireNonNull(part, "part");
        StoreLimits.check("part of scan " + StoreLimits.show(scanId), part);
        tx.write("record part of scan " + scanId, c -> {
            ScanTable.Row scan = running(c, scanId);
            Counts counts = write(c, part, new SeenBy(scanId, scan.started()));
            ScanTable.addCounts(c, scanId, counts.opened, counts.resolved, counts.reopened);
            return null;
        });
    }

    private static ScanTable.Row running(Connection c, String scanId) throws SQLException {
        ScanTable.Row scan = ScanTable.get(c, scanId)
                .orElseThrow(() -> new IllegalArgumentException("unknown scan " + scanId + ": begin it first"));
        if (scan.complete()) {
            throw new IllegalStateException("scan " + scanId + " is already finished; a part written now would "
                    + "contradict the resolutions its finish made");
        }
        return scan;
    }

    @Override
    public ScanSummary finishScan(String scanId, Instant finishedAt) {
        Objects.requireNonNull(finishedAt, "finishedAt");
        return tx.write("finish scan " + scanId, c -> {
            ScanTable.Row scan = ScanTable.get(c, scanId)
                    .orElseThrow(() -> new IllegalArgumentException("unknown scan " + scanId + ": begin it first"));
            if (scan.complete() || !ScanTable.claimFinish(c, scanId, finishedAt)) {
                return ScanTable.get(c, scanId).orElseThrow().summary();
            }
            long started = scan.started();
            Set<String> missing = new LinkedHashSet<>();
            for (ScanScope scope : scan.scan().scopes()) {
                ResourceTable.notSeen(c, scope, started);
                String region = scope.region() == null ? "" : Sql.key(scope.region());
                missing.addAll(Sql.strings(c, "SELECT finding_key FROM findings WHERE provider = ? "
                                + "AND account_key = ? AND (? = '' OR region_key = ?) AND active = 1 "
                                + "AND last_scan_started < ? AND observed_at < ?", scope.provider().key(),
                        Sql.key(scope.account()), region, region, started, started));
            }
            long finished = Sql.millis(finishedAt);
            Counts counts = FindingTable.write(c, missing,
                    (key, row) -> Lifecycle.notSeen(row, scanId, started, finished), new Counts());
            for (ScanScope scope : scan.scan().scopes()) {
                ScanTable.snapshotFailures(c, scanId, scope);
            }
            ScanTable.complete(c, scanId, ScanTable.countSeen(c, scanId), counts.resolved, counts.written);
            return ScanTable.get(c, scanId).orElseThrow().summary();
        });
    }

    @Override
    public ChangeSummary recordChange(Assessment assessment) {
        Objects.requireNonNull(assessment, "assessment");
        StoreLimits.check("change", assessment);
        return tx.write("record change", c -> {
            Counts counts = write(c, assessment, null);
            return new ChangeSummary(counts.written, counts.opened, counts.resolved, counts.reopened, counts.stale);
        });
    }

    /**
     * Inventory first, then findings, each in key order. {@code counts.stale} ends up counting stale documents
     * (resources and deletions), not the findings derived from them.
     */
    private static Counts write(Connection c, Assessment a, SeenBy seen) throws SQLException {
        RetentionMarks marks = RetentionMarks.load(c, accounts(a));
        int staleDocuments = ResourceTable.write(c, a.resources(), a.deleted(), seen, marks);
        Map<String, Finding> evaluated = new HashMap<>();
        for (Finding f : a.findings()) {
            evaluated.merge(f.key(), f, (x, y) -> y.observedAt() != null && x.observedAt() != null
                    && y.observedAt().isBefore(x.observedAt()) ? x : y);
        }
        Map<String, Long> deletedAt = new HashMap<>();
        for (Resource r : a.deleted()) {
            if (r.observedAt() == null) {
                throw new IllegalArgumentException("deleted resource " + r.id() + " has no observation time");
            }
            for (String key : Sql.strings(c, "SELECT finding_key FROM findings WHERE provider = ? "
                    + "AND resource_id = ? AND active = 1", r.provider().key(), r.id())) {
                deletedAt.merge(key, Sql.millis(r.observedAt()), Math::max);
            }
        }
        Set<String> keys = new LinkedHashSet<>(evaluated.keySet());
        keys.addAll(deletedAt.keySet());
        Counts counts = FindingTable.write(c, keys, (key, row) -> {
            Finding f = evaluated.get(key);
            if (f != null && row == null && marks.hides(f.resource().provider(), f.resource().account(),
                    Sql.millis(f.observedAt()), seen)) {
                return Lifecycle.Change.STALE; // its tombstone may have been purged by retention
            }
            return f != null ? Lifecycle.evaluate(row, f, seen) : Lifecycle.deleted(row, deletedAt.get(key));
        }, new Counts());
        counts.stale = staleDocuments;
        return counts;
    }

    private static Set<String> accounts(Assessment a) {
        Set<String> accounts = new HashSet<>();
        a.resources().forEach(r -> accounts.add(r.account()));
        a.deleted().forEach(r -> accounts.add(r.account()));
        a.findings().forEach(f -> accounts.add(f.resource().account()));
        return accounts;
    }

    @Override
    public void recordScores(String scanId, Instant at, List<ScoreSnapshot> scores) {
        Objects.requireNonNull(scanId, "scanId");
        Objects.requireNonNull(at, "at");
        StoreLimits.checkScores(scanId, scores);
        tx.write("record scores of scan " + scanId, c -> {
            ScoreTable.record(c, scanId, at, scores);
            return null;
        });
    }

    @Override
    public List<StoredFinding> findings(FindingFilter filter) {
        FindingFilter f = filter == null ? FindingFilter.CURRENT : filter;
        String provider = f.provider() == null ? "" : f.provider().key();
        String account = f.account() == null ? "" : Sql.key(f.account());
        String rule = f.ruleId() == null ? "" : f.ruleId();
        String status = f.status() == null ? "" : f.status().name();
        List<FindingRow> rows = tx.read("read findings", c -> FindingTable.select(c,
                "(? = '' OR provider = ?) AND (? = '' OR account_key = ?) AND (? = '' OR rule_id = ?) "
                        + "AND (? = '' OR status = ?) AND (? = 1 OR active = 1)",
                provider, provider, account, account, rule, rule, status, status, f.includeInactive() ? 1 : 0));
        return rows.stream().map(FindingRow::toStored).sorted(ORDER).toList();
    }

    @Override
    public List<StatusChange> history(String findingKey) {
        return tx.read("read history of " + findingKey, c -> FindingTable.history(c, findingKey));
    }

    @Override
    public List<ScoreSnapshot> dailyScores(String scopeKind, String scopeId, Instant from, Instant to) {
        return tx.read("read daily scores", c -> ScoreTable.daily(c, scopeKind, scopeId, from, to));
    }

    @Override
    public Optional<Scan> scan(String scanId) {
        return tx.read("read scan " + scanId, c -> ScanTable.get(c, scanId).map(ScanTable.Row::scan));
    }

    /** The counters of a scan as its parts and finish left them. */
    public Optional<ScanSummary> scanSummary(String scanId) {
        return tx.read("read scan " + scanId, c -> ScanTable.get(c, scanId).map(ScanTable.Row::summary));
    }

    @Override
    public List<Scan> scans(int limit) {
        return tx.read("list scans", c -> ScanTable.newest(c, limit).stream().map(ScanTable.Row::scan).toList());
    }

    @Override
    public Delta delta(String baselineScanId, String scanId) {
        return tx.read("delta of scan " + scanId, c -> {
            ScanTable.Row scan = finished(c, scanId);
            Set<String> now = ScanTable.failures(c, scanId);
            Set<String> before = baselineScanId == null ? Set.of() : ScanTable.failures(c, finished(c, baselineScanId).scan().id());
            Set<String> all = new LinkedHashSet<>(now);
            all.addAll(before);
            Map<String, FindingRow> rows = FindingTable.load(c, all);
            List<StoredFinding> added = new ArrayList<>();
            List<StoredFinding> fixed = new ArrayList<>();
            List<StoredFinding> still = new ArrayList<>();
            for (String key : all) {
                FindingRow row = rows.get(key);
                if (row == null) {
                    continue; // removed by retention
                }
                if (now.contains(key)) {
                    (before.contains(key) ? still : added).add(row.toStored());
                } else if (covers(scan.scan(), row)) {
                    fixed.add(row.toStored());
                }
            }
            added.sort(ORDER);
            fixed.sort(ORDER);
            still.sort(ORDER);
            return new Delta(baselineScanId, scanId, added, fixed, still);
        });
    }

    private static ScanTable.Row finished(Connection c, String scanId) throws SQLException {
        ScanTable.Row row = ScanTable.get(c, scanId)
                .orElseThrow(() -> new IllegalArgumentException("unknown scan " + scanId));
        if (!row.complete()) {
            throw new IllegalStateException("scan " + scanId + " is not finished: it has no findings snapshot yet");
        }
        return row;
    }

    /** Whether the scan's scopes include the finding's resource: only then can the scan have fixed it. */
    private static boolean covers(Scan scan, FindingRow row) {
        var r = row.content().resource();
        return scan.scopes().stream().anyMatch(s -> s.provider() == r.provider()
                && s.account().equalsIgnoreCase(r.account())
                && (s.region() == null || s.region().equalsIgnoreCase(r.region())));
    }

    @Override
    public void recordReport(PublishedReport report) {
        Objects.requireNonNull(report, "report");
        tx.write("record report " + report.id(), c -> {
            ReportTable.record(c, report);
            return null;
        });
    }

    @Override
    public List<PublishedReport> reports(int limit) {
        return tx.read("list reports", c -> ReportTable.newest(c, limit));
    }

    @Override
    public RelatedResources inventory() {
        return new StoreInventory(tx);
    }

    /**
     * Deletes, in one transaction: score history and daily scores before the cutoff; inactive findings gone before it
     * (with their history); history rows of the remaining findings older than it, except each finding's latest;
     * resource tombstones that died before it; scans finished (or, if abandoned, started) before it. Active findings
     * are never deleted, so a finding that failed once keeps its lifecycle. Purged deaths raise the accounts'
     * retention marks first, so that an old document arriving later cannot bring a purged resource back.
     */
    @Override
    public int applyRetention(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        long t = Sql.millis(cutoff);
        return tx.write("apply retention", c -> {
            RetentionMarks.raise(c, t);
            int n = delete(c, "DELETE FROM score_history WHERE at < ?", t);
            n += delete(c, "DELETE FROM daily_scores WHERE at < ?", t);
            n += delete(c, "DELETE FROM findings WHERE active = 0 AND gone_at < ?", t);
            n += delete(c, "DELETE FROM finding_history WHERE NOT EXISTS "
                    + "(SELECT 1 FROM findings f WHERE f.finding_key = finding_history.finding_key)");
            n += delete(c, "DELETE FROM finding_history WHERE at < ? AND seq < (SELECT MAX(h.seq) "
                    + "FROM finding_history h WHERE h.finding_key = finding_history.finding_key)", t);
            n += delete(c, "DELETE FROM resources WHERE live = 0 AND gone_at < ?", t);
            String oldScans = "SELECT id FROM scans WHERE COALESCE(finished_at, started_at) < ?";
            n += delete(c, "DELETE FROM scan_failures WHERE scan_id IN (" + oldScans + ")", t);
            n += delete(c, "DELETE FROM scan_scopes WHERE scan_id IN (" + oldScans + ")", t);
            n += delete(c, "DELETE FROM scans WHERE COALESCE(finished_at, started_at) < ?", t);
            return n;
        });
    }

    private static int delete(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, params);
            return ps.executeUpdate();
        }
    }

    @Override
    public TicketStore tickets() {
        return tickets;
    }

    @Override
    public void close() {
        try {
            pool.close();
        } catch (Exception e) {
            throw new StoreException("closing the store failed: " + e.getMessage(), e);
        }
    }
}
