package dev.parapet.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** SQL of score_history (one row per scope per scan) and daily_scores (the latest per scope per UTC day). */
final class ScoreTable {
    private static final String HISTORY = "INSERT INTO score_history (scan_id, scope_kind, scope_id, score, max_score, "
            + "percent, at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scan_id, scope_kind, scope_id) DO UPDATE SET "
            + "score = excluded.score, max_score = excluded.max_score, percent = excluded.percent, at = excluded.at "
            + "WHERE score_history.at <= excluded.at";

    // Monotonic: an older scan's score recorded late never replaces a later one of the same day.
    private static final String DAILY = "INSERT INTO daily_scores (scope_kind, scope_id, day, scan_id, score, "
            + "max_score, percent, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scope_kind, scope_id, day) "
            + "DO UPDATE SET scan_id = excluded.scan_id, score = excluded.score, max_score = excluded.max_score, "
            + "percent = excluded.percent, at = excluded.at WHERE daily_scores.at < excluded.at "
            + "OR (daily_scores.at = excluded.at AND daily_scores.scan_id <= excluded.scan_id)";

    private ScoreTable() {
    }

    static void record(Connection c, String scanId, Instant at, List<ScoreSnapshot> scores) throws SQLException {
        long millis = Sql.millis(at);
        String day = at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        List<ScoreSnapshot> sorted = new ArrayList<>(scores);
        sorted.sort((a, b) -> (a.scopeKind() + "\n" + a.scopeId()).compareTo(b.scopeKind() + "\n" + b.scopeId()));
        try (PreparedStatement history = c.prepareStatement(HISTORY); PreparedStatement daily = c.prepareStatement(DAILY)) {
            for (ScoreSnapshot s : sorted) {
                history.setString(1, scanId);
                history.setString(2, s.scopeKind());
                history.setString(3, s.scopeId());
                history.setDouble(4, s.score());
                history.setDouble(5, s.maxScore());
                Sql.setDouble(history, 6, s.percent());
                history.setLong(7, millis);
                history.addBatch();
                daily.setString(1, s.scopeKind());
                daily.setString(2, s.scopeId());
                daily.setString(3, day);
                daily.setString(4, scanId);
                daily.setDouble(5, s.score());
                daily.setDouble(6, s.maxScore());
                Sql.setDouble(daily, 7, s.percent());
                daily.setLong(8, millis);
                daily.addBatch();
            }
            history.executeBatch();
            daily.executeBatch();
        }
    }

    static List<ScoreSnapshot> daily(Connection c, String kind, String id, Instant from, Instant to)
            throws SQLException {
        List<ScoreSnapshot> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT score, max_score, percent, at FROM daily_scores "
                + "WHERE scope_kind = ? AND scope_id = ? AND at >= ? AND at <= ? ORDER BY day")) {
            Sql.bind(ps, kind, id, from == null ? Long.MIN_VALUE : Sql.millis(from),
                    to == null ? Long.MAX_VALUE : Sql.millis(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ScoreSnapshot(kind, id, rs.getDouble(1), rs.getDouble(2), Sql.getDouble(rs, "percent"),
                            Sql.instant(rs.getLong(4))));
                }
            }
        }
        return out;
    }
}
