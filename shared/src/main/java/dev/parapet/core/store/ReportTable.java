package dev.parapet.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** SQL of reports, report_scans and report_files: the record of published scoring reports. */
final class ReportTable {
    private ReportTable() {
    }

    /** Idempotent on the report id: a publication recorded again (a retried invocation) keeps its first record. */
    static void record(Connection c, PublishedReport r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO reports (id, generated_at, published_at) "
                + "VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            Sql.bind(ps, r.id(), Sql.millis(r.generatedAt()), Sql.millis(r.publishedAt()));
            if (ps.executeUpdate() == 0) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO report_scans (report_id, scan_id) VALUES (?, ?) "
                + "ON CONFLICT (report_id, scan_id) DO NOTHING")) {
            for (String scan : r.scanIds()) {
                Sql.bind(ps, r.id(), scan);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO report_files (report_id, format, dated_key, "
                + "latest_key, bytes) VALUES (?, ?, ?, ?, ?) ON CONFLICT (report_id, format) DO NOTHING")) {
            for (PublishedReport.File f : r.files()) {
                Sql.bind(ps, r.id(), f.format(), f.datedKey(), f.latestKey(), f.bytes());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static List<PublishedReport> newest(Connection c, int limit) throws SQLException {
        List<PublishedReport> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, generated_at, published_at FROM reports "
                + "ORDER BY published_at DESC, id DESC LIMIT ?")) {
            Sql.bind(ps, Math.max(0, limit));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    out.add(new PublishedReport(id, Sql.instant(rs.getLong(2)), Sql.instant(rs.getLong(3)),
                            Sql.strings(c, "SELECT scan_id FROM report_scans WHERE report_id = ? ORDER BY scan_id", id),
                            files(c, id)));
                }
            }
        }
        return out;
    }

    private static List<PublishedReport.File> files(Connection c, String id) throws SQLException {
        List<PublishedReport.File> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT format, dated_key, latest_key, bytes FROM report_files "
                + "WHERE report_id = ? ORDER BY format")) {
            Sql.bind(ps, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PublishedReport.File(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
                }
            }
        }
        return out;
    }
}
