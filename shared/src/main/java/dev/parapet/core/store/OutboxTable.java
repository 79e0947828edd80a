package dev.parapet.core.store;

import dev.parapet.core.model.Status;
import dev.parapet.core.store.FindingRow.Phase;
import dev.parapet.core.store.Lifecycle.Change;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the ticket outbox inside the transaction that changes findings: the intent to notify commits (or rolls
 * back) with the change itself. One row per finding: a newer change replaces a pending one (the forwarder brings
 * the record to the finding's current state); a row being worked on keeps its claim, so its forwarder sees the
 * newer version when it completes, and the row stays pending for it.
 */
final class OutboxTable {
    private static final String UPSERT = " ON CONFLICT (finding_key) DO UPDATE SET seq = excluded.seq, "
            + "event = excluded.event, changed_at = excluded.changed_at, status = excluded.status, attempts = 0, "
            + "next_attempt = 0, last_error = NULL WHERE ticket_outbox.seq < excluded.seq";

    private OutboxTable() {
    }

    /** The change a ticket cares about, or null: opened, reopened, resolved, or evidence of a failure changed. */
    static String event(FindingRow before, Change change) {
        if (change.opened() > 0) {
            return OutboxEntry.OPENED;
        }
        if (change.reopened() > 0) {
            return OutboxEntry.REOPENED;
        }
        if (change.resolved() > 0) {
            return OutboxEntry.RESOLVED;
        }
        FindingRow after = change.row();
        boolean failing = after.life().phase() == Phase.OPEN && after.life().active()
                && after.content().status() == Status.FAIL;
        return failing && before != null && !after.content().evidence().equals(before.content().evidence())
                ? OutboxEntry.EVIDENCE : null;
    }

    /** Queues the applied changes that matter to tickets; {@code before} holds the rows as read before them. */
    static void enqueue(Connection c, Map<String, FindingRow> before, List<Change> applied) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (Change change : applied) {
            String event = event(before.get(change.row().key()), change);
            if (event != null) {
                long at = change.history() != null ? Sql.millis(change.history().at()) : change.row().content().observedAt();
                rows.add(new Object[]{change.row().key(), change.row().version(), event, at});
            }
        }
        for (List<Object[]> chunk : Sql.chunks(rows, Sql.ROWS)) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket_outbox (finding_key, seq, event, "
                    + "changed_at, status, attempts, next_attempt) VALUES " + Sql.rows(7, chunk.size()) + UPSERT)) {
                int i = 0;
                for (Object[] row : chunk) {
                    ps.setString(++i, (String) row[0]);
                    ps.setLong(++i, (Long) row[1]);
                    ps.setString(++i, (String) row[2]);
                    ps.setLong(++i, (Long) row[3]);
                    ps.setString(++i, OutboxEntry.PENDING);
                    ps.setInt(++i, 0);
                    ps.setLong(++i, 0);
                }
                ps.executeUpdate();
            }
        }
    }
}
