package dev.parapet.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.parapet.core.json.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link TicketStore} on the store's tables (V2__ticketing.sql). Every statement is the same on SQLite and
 * PostgreSQL except the claim's row lock, see {@link #CLAIM}.
 */
final class JdbcTicketStore implements TicketStore {
    private static final String ENTRY = "finding_key, seq, event, changed_at, attempts, status, last_error";
    private static final String TICKET = "finding_key, correlation_id, table_name, sys_id, number, state, "
            + "record_state, evidence_hash, owner, assignment_group, due_at, opened_at, resolved_at, updated_at";
    private static final String FREE = "(claimed_until IS NULL OR claimed_until < ?)";

    /**
     * The one statement that differs: PostgreSQL lets concurrent forwarders skip each other's rows with
     * {@code FOR UPDATE SKIP LOCKED}; SQLite cannot parse it and needs none (its write transactions run one at a
     * time: BEGIN IMMEDIATE between processes, the single-writer lock within one).
     */
    static final String CLAIM = "SELECT " + ENTRY + " FROM ticket_outbox WHERE status = 'PENDING' "
            + "AND next_attempt <= ? AND " + FREE + " ORDER BY next_attempt, changed_at, finding_key LIMIT ?";
    static final String SKIP_LOCKED = " FOR UPDATE SKIP LOCKED";

    private final Tx tx;
    private final String claimSql;

    JdbcTicketStore(Tx tx, boolean skipLocked) {
        this.tx = tx;
        this.claimSql = skipLocked ? CLAIM + SKIP_LOCKED : CLAIM;
    }

    @Override
    public List<OutboxEntry> claim(String claimId, int limit, Instant now, Instant leaseUntil) {
        long t = Sql.millis(now);
        return tx.write("claim ticket outbox rows", c -> {
            List<OutboxEntry> rows = entries(c, claimSql, t, t, limit);
            List<OutboxEntry> claimed = new ArrayList<>();
            for (List<OutboxEntry> chunk : Sql.chunks(rows)) {
                Object[] params = new Object[chunk.size() + 3];
                params[0] = claimId;
                params[1] = Sql.millis(leaseUntil);
                params[2] = t;
                for (int i = 0; i < chunk.size(); i++) {
                    params[3 + i] = chunk.get(i).findingKey();
                }
                String keys = " AND finding_key IN (" + Sql.placeholders(chunk.size()) + ")";
                if (update(c, "UPDATE ticket_outbox SET claim_id = ?, claimed_until = ? WHERE " + FREE + keys, params)
                        == chunk.size()) {
                    claimed.addAll(chunk);
                } else { // not under the lock we expected: keep only what this statement took
                    Object[] mine = new Object[chunk.size() + 2];
                    mine[0] = claimId;
                    mine[1] = Sql.millis(leaseUntil);
                    System.arraycopy(params, 3, mine, 2, chunk.size());
                    claimed.addAll(entries(c, "SELECT " + ENTRY + " FROM ticket_outbox WHERE claim_id = ? "
                            + "AND claimed_until = ?" + keys, mine));
                }
            }
            return claimed;
        });
    }

    @Override
    public boolean complete(String claimId, OutboxEntry entry) {
        return tx.write("complete ticket outbox row " + entry.findingKey(), c -> {
            if (update(c, "DELETE FROM ticket_outbox WHERE finding_key = ? AND seq = ? AND claim_id = ?",
                    entry.findingKey(), entry.seq(), claimId) == 1) {
                return true;
            }
            update(c, "UPDATE ticket_outbox SET claim_id = NULL, claimed_until = NULL WHERE finding_key = ? "
                    + "AND claim_id = ?", entry.findingKey(), claimId);
            return false;
        });
    }

    @Override
    public void retryLater(String claimId, OutboxEntry entry, Instant nextAttempt, String reason) {
        tx.write("postpone ticket outbox row " + entry.findingKey(), c -> update(c, "UPDATE ticket_outbox SET "
                + "attempts = attempts + 1, next_attempt = ?, last_error = ?, claim_id = NULL, claimed_until = NULL "
                + "WHERE finding_key = ? AND claim_id = ?", Sql.millis(nextAttempt), reason, entry.findingKey(), claimId));
    }

    @Override
    public void release(String claimId, OutboxEntry entry) {
        tx.write("release ticket outbox row " + entry.findingKey(), c -> update(c, "UPDATE ticket_outbox SET "
                + "claim_id = NULL, claimed_until = NULL WHERE finding_key = ? AND claim_id = ?", entry.findingKey(), claimId));
    }

    @Override
    public void fail(String claimId, OutboxEntry entry, String reason) {
        // Only the version that failed: a newer change (already PENDING again) deserves its own attempt.
        tx.write("fail ticket outbox row " + entry.findingKey(), c -> {
            update(c, "UPDATE ticket_outbox SET status = 'FAILED', attempts = attempts + 1, last_error = ? "
                    + "WHERE finding_key = ? AND claim_id = ? AND seq = ?", reason, entry.findingKey(), claimId, entry.seq());
            return update(c, "UPDATE ticket_outbox SET claim_id = NULL, claimed_until = NULL WHERE finding_key = ? "
                    + "AND claim_id = ?", entry.findingKey(), claimId);
        });
    }

    @Override
    public int requeue(boolean allFailing) {
        return tx.write("requeue ticket outbox", c -> {
            int n = update(c, "UPDATE ticket_outbox SET status = 'PENDING', attempts = 0, next_attempt = 0, "
                    + "last_error = NULL WHERE status = 'FAILED'");
            if (allFailing) {
                n += update(c, "INSERT INTO ticket_outbox (finding_key, seq, event, changed_at, status, attempts, "
                        + "next_attempt) SELECT finding_key, version, 'OPENED', observed_at, 'PENDING', 0, 0 FROM findings "
                        + "WHERE phase = 'OPEN' AND active = 1 AND NOT EXISTS (SELECT 1 FROM ticket_outbox o "
                        + "WHERE o.finding_key = findings.finding_key)");
            }
            update(c, "DELETE FROM ticket_pause");
            return n;
        });
    }

    @Override
    public Optional<TicketFinding> finding(String findingKey) {
        return tx.read("read finding " + findingKey + " for its ticket", c -> {
            FindingRow row = FindingTable.load(c, List.of(findingKey)).get(findingKey);
            if (row == null) {
                return Optional.empty();
            }
            var r = row.content().resource();
            List<String> tags = Sql.strings(c, "SELECT tags FROM resources WHERE provider = ? AND resource_id = ?",
                    r.provider().key(), r.id());
            return Optional.of(new TicketFinding(row.toStored(), row.life().phase().name(), row.life().active(),
                    tags.isEmpty() ? Map.of() : tags(tags.get(0), findingKey), failingSince(FindingTable.history(c, findingKey),
                    row)));
        });
    }

    /** The latest move into OPEN from anything but OPEN (ERROR in between does not start a new failure). */
    static Instant failingSince(List<StatusChange> history, FindingRow row) {
        if (row.life().phase() != FindingRow.Phase.OPEN) {
            return null;
        }
        Instant since = null;
        String lastDecided = null;
        for (StatusChange h : history) {
            if (StoredFinding.ERROR.equals(h.state())) {
                continue;
            }
            if (StoredFinding.OPEN.equals(h.state()) && !StoredFinding.OPEN.equals(lastDecided)) {
                since = h.at();
            }
            lastDecided = h.state();
        }
        return since != null ? since : Sql.instant(row.life().firstSeen());
    }

    private static Map<String, String> tags(String json, String key) {
        try {
            return Json.MAPPER.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new StoreException("tags of the resource of finding " + key + " are not a JSON object of strings: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public Optional<TicketRecord> ticket(String findingKey) {
        return tx.read("read ticket of " + findingKey, c -> tickets(c, "SELECT " + TICKET + " FROM tickets "
                + "WHERE finding_key = ?", findingKey).stream().findFirst());
    }

    @Override
    public void saveTicket(TicketRecord t) {
        tx.write("save ticket of " + t.findingKey(), c -> update(c, "INSERT INTO tickets (" + TICKET + ") VALUES ("
                        + Sql.placeholders(14) + ") ON CONFLICT (finding_key) DO UPDATE SET "
                        + "correlation_id = excluded.correlation_id, table_name = excluded.table_name, "
                        + "sys_id = excluded.sys_id, number = excluded.number, state = excluded.state, "
                        + "record_state = excluded.record_state, evidence_hash = excluded.evidence_hash, "
                        + "owner = excluded.owner, assignment_group = excluded.assignment_group, "
                        + "due_at = excluded.due_at, opened_at = excluded.opened_at, "
                        + "resolved_at = excluded.resolved_at, updated_at = excluded.updated_at",
                t.findingKey(), t.correlationId(), t.table(), t.sysId(), t.number(), t.state(), t.recordState(),
                t.evidenceHash(), t.owner(), t.assignmentGroup(), millis(t.dueAt()), millis(t.openedAt()),
                millis(t.resolvedAt()), millis(t.updatedAt())));
    }

    @Override
    public List<TicketRecord> tickets(int limit) {
        return tx.read("list tickets", c -> tickets(c, "SELECT " + TICKET + " FROM tickets "
                + "ORDER BY updated_at DESC, finding_key LIMIT ?", limit));
    }

    @Override
    public Counts counts(Instant now) {
        long t = Sql.millis(now);
        return tx.read("count ticket outbox", c -> new Counts(
                count(c, "SELECT COUNT(*) FROM ticket_outbox WHERE status = 'PENDING'"),
                count(c, "SELECT COUNT(*) FROM ticket_outbox WHERE status = 'PENDING' AND next_attempt <= ? AND "
                        + FREE, t, t),
                count(c, "SELECT COUNT(*) FROM ticket_outbox WHERE claimed_until >= ?", t),
                count(c, "SELECT COUNT(*) FROM ticket_outbox WHERE status = 'FAILED'"),
                count(c, "SELECT COUNT(*) FROM tickets"),
                count(c, "SELECT COUNT(*) FROM tickets WHERE state = 'OPEN'")));
    }

    @Override
    public Optional<Instant> nextAttempt(Instant now) {
        List<String> next = tx.read("read the next ticket outbox attempt", c -> Sql.strings(c, "SELECT MIN(next_attempt) "
                + "FROM ticket_outbox WHERE status = 'PENDING' AND " + FREE, Sql.millis(now)));
        return next.isEmpty() || next.get(0) == null ? Optional.empty() : Optional.of(Sql.instant(Long.parseLong(next.get(0))));
    }

    @Override
    public List<OutboxEntry> pending(int limit) {
        return tx.read("list pending ticket outbox rows", c -> entries(c, "SELECT " + ENTRY + " FROM ticket_outbox "
                + "WHERE status = 'PENDING' ORDER BY next_attempt, changed_at, finding_key LIMIT ?", limit));
    }

    @Override
    public List<OutboxEntry> failed(int limit) {
        return tx.read("list failed ticket outbox rows", c -> entries(c, "SELECT " + ENTRY + " FROM ticket_outbox "
                + "WHERE status = 'FAILED' ORDER BY changed_at, finding_key LIMIT ?", limit));
    }

    @Override
    public Optional<Pause> pause(String target) {
        return tx.read("read ticketing pause", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT target, reason, since, retry_at, failures "
                    + "FROM ticket_pause WHERE target = ?")) {
                ps.setString(1, target);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Pause(rs.getString(1), rs.getString(2), Sql.instant(rs.getLong(3)),
                            Sql.instant(rs.getLong(4)), rs.getInt(5))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void pause(Pause p) {
        tx.write("pause ticketing", c -> update(c, "INSERT INTO ticket_pause (target, reason, since, retry_at, failures) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (target) DO UPDATE SET reason = excluded.reason, "
                        + "since = excluded.since, retry_at = excluded.retry_at, failures = excluded.failures",
                p.target(), p.reason(), Sql.millis(p.since()), Sql.millis(p.retryAt()), p.failures()));
    }

    @Override
    public void clearPause(String target) {
        tx.write("clear ticketing pause", c -> update(c, "DELETE FROM ticket_pause WHERE target = ?", target));
    }

    private static List<OutboxEntry> entries(Connection c, String sql, Object... params) throws SQLException {
        List<OutboxEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OutboxEntry(rs.getString(1), rs.getLong(2), rs.getString(3), Sql.instant(rs.getLong(4)),
                            rs.getInt(5), rs.getString(6), rs.getString(7)));
                }
            }
        }
        return out;
    }

    private static List<TicketRecord> tickets(Connection c, String sql, Object... params) throws SQLException {
        List<TicketRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TicketRecord(rs.getString("finding_key"), rs.getString("correlation_id"),
                            rs.getString("table_name"), rs.getString("sys_id"), rs.getString("number"),
                            rs.getString("state"), rs.getString("record_state"), rs.getString("evidence_hash"),
                            rs.getString("owner"), rs.getString("assignment_group"),
                            Sql.instant(Sql.getLong(rs, "due_at")), Sql.instant(rs.getLong("opened_at")),
                            Sql.instant(Sql.getLong(rs, "resolved_at")), Sql.instant(rs.getLong("updated_at"))));
                }
            }
        }
        return out;
    }

    private static int count(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, params);
            return ps.executeUpdate();
        }
    }

    private static Long millis(Instant t) {
        return t == null ? null : Sql.millis(t);
    }
}
