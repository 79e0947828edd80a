package dev.parapet.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Small JDBC helpers shared by the tables. Times are stored as epoch milliseconds. */
final class Sql {
    /** Keys per IN (...) list: far below the parameter limits of SQLite (32766) and PostgreSQL (65535). */
    static final int CHUNK = 500;
    /**
     * Rows per multi-row INSERT: one statement per 100 rows instead of one per row (PostgreSQL parses and plans each
     * statement when server-side prepared statements are off, as they are for transaction-mode poolers).
     */
    static final int ROWS = 100;

    private Sql() {
    }

    static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    static <T> List<List<T>> chunks(Collection<T> items) {
        return chunks(items, CHUNK);
    }

    static <T> List<List<T>> chunks(Collection<T> items, int size) {
        List<T> all = new ArrayList<>(items);
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return out;
    }

    /** "(?, ?), (?, ?)": the VALUES list of a multi-row INSERT. */
    static String rows(int columns, int rows) {
        return String.join(", ", Collections.nCopies(rows, "(" + placeholders(columns) + ")"));
    }

    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    /** The first column of every row a query returns, as text. */
    static List<String> strings(Connection c, String sql, Object... params) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    static void setLong(PreparedStatement ps, int i, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, value);
        }
    }

    static void setDouble(PreparedStatement ps, int i, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, value);
        }
    }

    static Long getLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Double getDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    static long millis(Instant t) {
        return t.toEpochMilli();
    }

    static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    /** Lower-cased copy for the case-insensitive *_key columns. */
    static String key(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    /** Escapes LIKE wildcards with '!' (the ESCAPE character every statement here declares). */
    static String likePrefix(String prefix) {
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /** An enum value read back from a row; an unknown one (a newer Parapet wrote it) is named with the row. */
    static <E extends Enum<E>> E enumValue(Class<E> type, String value, String row) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new StoreException(row + " holds unknown " + type.getSimpleName() + " '" + value + "' (known: "
                    + java.util.Arrays.toString(type.getEnumConstants()) + "); was it written by a newer Parapet?", e);
        }
    }

    static int sum(int[] counts) {
        int n = 0;
        for (int c : counts) {
            n += Math.max(c, 0);
        }
        return n;
    }
}
