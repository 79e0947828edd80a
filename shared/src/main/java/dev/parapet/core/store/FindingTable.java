package dev.parapet.core.store;

import dev.parapet.core.model.Provider;
import dev.parapet.core.model.ResourceRef;
import dev.parapet.core.model.Severity;
import dev.parapet.core.model.Status;
import dev.parapet.core.store.FindingRow.Content;
import dev.parapet.core.store.FindingRow.Life;
import dev.parapet.core.store.FindingRow.Phase;
import dev.parapet.core.store.Lifecycle.Change;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * SQL of the findings and finding_history tables. Every write is an upsert guarded by the row version, so the
 * decision made in Java from the row as read is applied only if nobody changed the row meanwhile; otherwise the
 * row is read again and decided again. Rows are written in key order, so concurrent writers lock in one order.
 */
final class FindingTable {
    static final String COLUMNS = "finding_key, rule_id, provider, resource_id, resource_type, account, account_key, "
            + "region, region_key, resource_name, title, severity, control, compliance, evidence, status, observed_at, "
            + "phase, state, active, first_seen, last_seen, resolved_at, resolution, gone_at, reopen_count, "
            + "last_scan_id, last_scan_started, version";

    private static final int COLUMN_COUNT = 29;

    /** Follows a multi-row VALUES list; RETURNING names the rows written, so the others lost a race. */
    private static final String UPSERT = " ON CONFLICT (finding_key) DO UPDATE SET "
            + "rule_id = excluded.rule_id, provider = excluded.provider, resource_id = excluded.resource_id, "
            + "resource_type = excluded.resource_type, account = excluded.account, account_key = excluded.account_key, "
            + "region = excluded.region, region_key = excluded.region_key, resource_name = excluded.resource_name, "
            + "title = excluded.title, severity = excluded.severity, control = excluded.control, "
            + "compliance = excluded.compliance, evidence = excluded.evidence, status = excluded.status, "
            + "observed_at = excluded.observed_at, phase = excluded.phase, state = excluded.state, "
            + "active = excluded.active, first_seen = excluded.first_seen, last_seen = excluded.last_seen, "
            + "resolved_at = excluded.resolved_at, resolution = excluded.resolution, gone_at = excluded.gone_at, "
            + "reopen_count = excluded.reopen_count, last_scan_id = excluded.last_scan_id, "
            + "last_scan_started = excluded.last_scan_started, version = excluded.version "
            + "WHERE findings.version = excluded.version - 1 RETURNING finding_key";

    private static final String HISTORY = "INSERT INTO finding_history (finding_key, seq, at, status, state, "
            + "resolution, scan_id) VALUES ";

    /** Rounds of re-reading rows that another writer changed between our read and our write. */
    private static final int ROUNDS = 50;

    private FindingTable() {
    }

    /** What a batch of decisions changed. */
    static final class Counts {
        int written;
        int opened;
        int reopened;
        int resolved;
        int stale;

        void add(Change c) {
            written += c.stale() ? 0 : 1;
            opened += c.opened();
            reopened += c.reopened();
            resolved += c.resolved();
            stale += c.stale() ? 1 : 0;
        }
    }

    /**
     * Decides and writes each key: {@code decide} gets the key and its current row (or null) and returns the change.
     * Keys whose row changed under us are decided again on a fresh read.
     */
    static Counts write(Connection c, Collection<String> keys, BiFunction<String, FindingRow, Change> decide,
                        Counts counts)
            throws SQLException {
        List<String> pending = new ArrayList<>(new TreeSet<>(keys));
        for (int round = 0; round < ROUNDS && !pending.isEmpty(); round++) {
            Map<String, FindingRow> rows = load(c, pending);
            List<Change> changes = new ArrayList<>();
            for (String key : pending) {
                Change change = decide.apply(key, rows.get(key));
                if (change.row() != null) {
                    changes.add(change);
                } else if (change.stale()) {
                    counts.stale++;
                }
            }
            pending = new ArrayList<>();
            List<Change> applied = new ArrayList<>();
            for (List<Change> chunk : Sql.chunks(changes, Sql.ROWS)) {
                Set<String> written = upsert(c, chunk);
                for (Change change : chunk) {
                    if (written.contains(change.row().key())) {
                        applied.add(change);
                        counts.add(change);
                    } else {
                        pending.add(change.row().key());
                    }
                }
            }
            insertHistory(c, applied);
            OutboxTable.enqueue(c, rows, applied);
        }
        if (!pending.isEmpty()) {
            throw new StoreException("findings " + pending.subList(0, Math.min(3, pending.size()))
                    + " kept changing under concurrent writers; gave up after " + ROUNDS + " rounds");
        }
        return counts;
    }

    static Map<String, FindingRow> load(Connection c, Collection<String> keys) throws SQLException {
        Map<String, FindingRow> rows = new HashMap<>();
        for (List<String> chunk : Sql.chunks(keys)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM findings WHERE finding_key IN ("
                    + Sql.placeholders(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        FindingRow row = read(rs);
                        rows.put(row.key(), row);
                    }
                }
            }
        }
        return rows;
    }

    /** Rows matching a WHERE clause over the findings table. */
    static List<FindingRow> select(Connection c, String where, Object... params) throws SQLException {
        List<FindingRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM findings WHERE " + where)) {
            Sql.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs));
                }
            }
        }
        return rows;
    }

    private static Set<String> upsert(Connection c, List<Change> changes) throws SQLException {
        Set<String> written = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO findings (" + COLUMNS + ") VALUES "
                + Sql.rows(COLUMN_COUNT, changes.size()) + UPSERT)) {
            int i = 0;
            for (Change change : changes) {
                FindingRow row = change.row();
                Content f = row.content();
                Life l = row.life();
                ResourceRef r = f.resource();
                ps.setString(++i, row.key());
                ps.setString(++i, f.ruleId());
                ps.setString(++i, r.provider().key());
                ps.setString(++i, r.id());
                ps.setString(++i, r.type());
                ps.setString(++i, r.account());
                ps.setString(++i, Sql.key(r.account()));
                ps.setString(++i, r.region());
                ps.setString(++i, Sql.key(r.region()));
                ps.setString(++i, r.name() == null ? "" : r.name());
                ps.setString(++i, f.title());
                ps.setString(++i, f.severity().name());
                ps.setString(++i, f.control());
                ps.setString(++i, f.compliance());
                ps.setString(++i, f.evidence());
                ps.setString(++i, f.status().name());
                ps.setLong(++i, f.observedAt());
                ps.setString(++i, l.phase().name());
                ps.setString(++i, l.state());
                ps.setInt(++i, l.active() ? 1 : 0);
                ps.setLong(++i, l.firstSeen());
                ps.setLong(++i, l.lastSeen());
                Sql.setLong(ps, ++i, l.resolvedAt());
                ps.setString(++i, l.resolution());
                Sql.setLong(ps, ++i, l.goneAt());
                ps.setInt(++i, l.reopenCount());
                ps.setString(++i, l.lastScanId());
                ps.setLong(++i, l.lastScanStarted());
                ps.setLong(++i, row.version());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    written.add(rs.getString(1));
                }
            }
        }
        return written;
    }

    private static void insertHistory(Connection c, List<Change> applied) throws SQLException {
        List<Change> withHistory = applied.stream().filter(ch -> ch.history() != null).toList();
        for (List<Change> chunk : Sql.chunks(withHistory, Sql.ROWS)) {
            try (PreparedStatement ps = c.prepareStatement(HISTORY + Sql.rows(7, chunk.size()))) {
                int i = 0;
                for (Change change : chunk) {
                    StatusChange h = change.history();
                    ps.setString(++i, h.findingKey());
                    ps.setLong(++i, change.row().version());
                    ps.setLong(++i, Sql.millis(h.at()));
                    ps.setString(++i, h.status().name());
                    ps.setString(++i, h.state());
                    ps.setString(++i, h.resolution());
                    ps.setString(++i, h.scanId());
                }
                ps.executeUpdate();
            }
        }
    }

    static List<StatusChange> history(Connection c, String key) throws SQLException {
        List<StatusChange> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT finding_key, at, status, state, resolution, scan_id "
                + "FROM finding_history WHERE finding_key = ? ORDER BY seq")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StatusChange(rs.getString(1), Sql.enumValue(Status.class, rs.getString(3),
                            "history of finding " + key), rs.getString(4),
                            rs.getString(5), Sql.instant(rs.getLong(2)), rs.getString(6)));
                }
            }
        }
        return out;
    }

    static FindingRow read(ResultSet rs) throws SQLException {
        String key = rs.getString("finding_key");
        String row = "stored finding " + key;
        ResourceRef ref = new ResourceRef(parse(Provider::parse, rs.getString("provider"), row), rs.getString("resource_id"),
                rs.getString("resource_type"), rs.getString("account"), rs.getString("region"),
                rs.getString("resource_name"));
        Content content = new Content(rs.getString("rule_id"), ref, rs.getString("title"),
                parse(Severity::parse, rs.getString("severity"), row), rs.getString("control"), rs.getString("compliance"),
                rs.getString("evidence"), Sql.enumValue(Status.class, rs.getString("status"), row), rs.getLong("observed_at"));
        Life life = new Life(Sql.enumValue(Phase.class, rs.getString("phase"), row), rs.getString("state"), rs.getInt("active") == 1,
                rs.getLong("first_seen"), rs.getLong("last_seen"), Sql.getLong(rs, "resolved_at"),
                rs.getString("resolution"), Sql.getLong(rs, "gone_at"), rs.getInt("reopen_count"),
                rs.getString("last_scan_id"), rs.getLong("last_scan_started"));
        return new FindingRow(key, content, life, rs.getLong("version"));
    }

    private static <T> T parse(java.util.function.Function<String, T> parser, String value, String row) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new StoreException(row + " cannot be read: " + e.getMessage() + "; was it written by a newer Parapet?", e);
        }
    }
}
