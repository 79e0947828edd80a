package dev.parapet.core.store;

import dev.parapet.core.model.Provider;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** SQL of scans, their scopes and the failing-findings snapshot each finished scan leaves for deltas. */
final class ScanTable {
    static final String RUNNING = "RUNNING";
    static final String COMPLETE = "COMPLETE";

    private static final String COLUMNS = "id, trigger_kind, started_at, finished_at, state, findings_written, "
            + "opened, resolved, reopened, not_seen";

    private ScanTable() {
    }

    /** A scans row with its counters. */
    record Row(Scan scan, ScanSummary summary) {
        long started() {
            return Sql.millis(scan.startedAt());
        }

        boolean complete() {
            return COMPLETE.equals(scan.state());
        }
    }

    static void begin(Connection c, Scan scan) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO scans (" + COLUMNS + ") VALUES ("
                + Sql.placeholders(10) + ") ON CONFLICT (id) DO NOTHING")) {
            Sql.bind(ps, scan.id(), scan.trigger() == null ? "" : scan.trigger(), Sql.millis(scan.startedAt()),
                    null, RUNNING, 0, 0, 0, 0, 0);
            if (ps.executeUpdate() == 0) {
                return; // already begun: idempotent on the id
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO scan_scopes (scan_id, provider, account, region) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (scan_id, provider, account, region) DO NOTHING")) {
            for (ScanScope s : scan.scopes()) {
                Sql.bind(ps, scan.id(), s.provider().key(), s.account(), s.region() == null ? "" : s.region());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static Optional<Row> get(Connection c, String id) throws SQLException {
        List<Row> rows = select(c, "WHERE id = ?", id);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    static List<Row> newest(Connection c, int limit) throws SQLException {
        return select(c, "ORDER BY started_at DESC, id DESC LIMIT ?", Math.max(0, limit));
    }

    private static List<Row> select(Connection c, String tail, Object... params) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM scans " + tail)) {
            Sql.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("id");
                    Scan scan = new Scan(id, List.of(), rs.getString("trigger_kind"),
                            Sql.instant(rs.getLong("started_at")), Sql.instant(Sql.getLong(rs, "finished_at")),
                            rs.getString("state"));
                    ScanSummary summary = new ScanSummary(id, rs.getInt("findings_written"), rs.getInt("opened"),
                            rs.getInt("resolved"), rs.getInt("reopened"), rs.getInt("not_seen"));
                    rows.add(new Row(scan, summary));
                }
            }
        }
        List<Row> withScopes = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Scan s = r.scan();
            withScopes.add(new Row(new Scan(s.id(), scopes(c, s.id()), s.trigger(), s.startedAt(), s.finishedAt(),
                    s.state()), r.summary()));
        }
        return withScopes;
    }

    private static List<ScanScope> scopes(Connection c, String scanId) throws SQLException {
        List<ScanScope> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT provider, account, region FROM scan_scopes "
                + "WHERE scan_id = ? ORDER BY provider, account, region")) {
            ps.setString(1, scanId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String region = rs.getString(3);
                    out.add(new ScanScope(Provider.parse(rs.getString(1)), rs.getString(2),
                            region.isEmpty() ? null : region));
                }
            }
        }
        return out;
    }

    static void addCounts(Connection c, String scanId, int opened, int resolved, int reopened) throws SQLException {
        if (opened == 0 && resolved == 0 && reopened == 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE scans SET opened = opened + ?, resolved = resolved + ?, "
                + "reopened = reopened + ? WHERE id = ?")) {
            Sql.bind(ps, opened, resolved, reopened, scanId);
            ps.executeUpdate();
        }
    }

    /** Takes the scan row's lock for finishing: false when another finisher got there first. */
    static boolean claimFinish(Connection c, String scanId, Instant finishedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE scans SET finished_at = ? WHERE id = ? AND state = ?")) {
            Sql.bind(ps, Sql.millis(finishedAt), scanId, RUNNING);
            return ps.executeUpdate() == 1;
        }
    }

    static void complete(Connection c, String scanId, int findingsWritten, int resolved, int notSeen)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE scans SET state = ?, findings_written = ?, "
                + "resolved = resolved + ?, not_seen = ? WHERE id = ?")) {
            Sql.bind(ps, COMPLETE, findingsWritten, resolved, notSeen, scanId);
            ps.executeUpdate();
        }
    }

    /** Records which findings of the scope are failing (phase OPEN) now that the scan is finishing. */
    static void snapshotFailures(Connection c, String scanId, ScanScope scope) throws SQLException {
        String region = scope.region() == null ? "" : Sql.key(scope.region());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO scan_failures (scan_id, finding_key) "
                + "SELECT ?, finding_key FROM findings WHERE provider = ? AND account_key = ? "
                + "AND (? = '' OR region_key = ?) AND active = 1 AND phase = 'OPEN' "
                + "ON CONFLICT (scan_id, finding_key) DO NOTHING")) {
            Sql.bind(ps, scanId, scope.provider().key(), Sql.key(scope.account()), region, region);
            ps.executeUpdate();
        }
    }

    static Set<String> failures(Connection c, String scanId) throws SQLException {
        return new LinkedHashSet<>(Sql.strings(c, "SELECT finding_key FROM scan_failures WHERE scan_id = ?",
                scanId));
    }

    static int countSeen(Connection c, String scanId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM findings WHERE last_scan_id = ?")) {
            ps.setString(1, scanId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
