package dev.parapet.core.store;

import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;
import dev.parapet.core.store.Lifecycle.SeenBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The retention_marks table: once retention purged the tombstones of an account, a document no newer than the
 * latest purged death could be an old document of a purged resource, so without a row it is stale. Same rule as a
 * tombstone's: only evidence newer than the mark (observed later, or seen by a scan started later) creates a row.
 */
final class RetentionMarks {
    static final RetentionMarks NONE = new RetentionMarks(Map.of());

    /** Raises the marks to the deaths retention is about to purge; run in its transaction, before the deletes. */
    private static final String RAISE = "INSERT INTO retention_marks (provider, account_key, purged_through) "
            + "SELECT provider, account_key, MAX(gone_at) FROM ("
            + "SELECT provider, account_key, gone_at FROM resources WHERE live = 0 AND gone_at < ? UNION ALL "
            + "SELECT provider, account_key, gone_at FROM findings WHERE active = 0 AND gone_at < ?) purged "
            + "WHERE 1 = 1 GROUP BY provider, account_key "
            + "ON CONFLICT (provider, account_key) DO UPDATE SET purged_through = excluded.purged_through "
            + "WHERE retention_marks.purged_through < excluded.purged_through";

    private final Map<String, Long> marks;

    private RetentionMarks(Map<String, Long> marks) {
        this.marks = marks;
    }

    static void raise(Connection c, long cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RAISE)) {
            Sql.bind(ps, cutoff, cutoff);
            ps.executeUpdate();
        }
    }

    /** The marks of the given accounts (any case). */
    static RetentionMarks load(Connection c, Collection<String> accounts) throws SQLException {
        Set<String> keys = new TreeSet<>();
        accounts.forEach(a -> keys.add(Sql.key(a)));
        Map<String, Long> out = new HashMap<>();
        for (List<String> chunk : Sql.chunks(keys)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT provider, account_key, purged_through FROM "
                    + "retention_marks WHERE account_key IN (" + Sql.placeholders(chunk.size()) + ")")) {
                Sql.bind(ps, chunk.toArray());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1) + "|" + rs.getString(2), rs.getLong(3));
                    }
                }
            }
        }
        return out.isEmpty() ? NONE : new RetentionMarks(out);
    }

    /** Whether a document without a row is too old to create one: no newer than its account's mark. */
    boolean hides(Provider provider, String account, long observed, SeenBy seen) {
        Long mark = marks.get(provider.key() + "|" + Sql.key(account));
        long vouched = seen == null ? observed : Math.max(observed, seen.started());
        return mark != null && vouched <= mark;
    }

    /** The documents minus those hidden by a mark whose resource has no row; the dropped ones go to {@code stale}. */
    List<Resource> dropHidden(Connection c, List<Resource> documents, SeenBy seen, List<Resource> stale)
            throws SQLException {
        if (marks.isEmpty()) {
            return documents;
        }
        Set<Resource> hidden = Collections.newSetFromMap(new IdentityHashMap<>());
        documents.stream().filter(r -> hides(r.provider(), r.account(), Sql.millis(r.observedAt()), seen))
                .forEach(hidden::add);
        if (hidden.isEmpty()) {
            return documents;
        }
        Set<String> existing = new HashSet<>();
        for (List<Resource> chunk : Sql.chunks(hidden)) {
            List<Object> params = new ArrayList<>();
            StringBuilder where = new StringBuilder();
            for (Resource r : chunk) {
                where.append(where.length() == 0 ? "" : " OR ").append("(provider = ? AND resource_id = ?)");
                params.add(r.provider().key());
                params.add(r.id());
            }
            existing.addAll(Sql.strings(c, "SELECT provider || '|' || resource_id FROM resources WHERE " + where,
                    params.toArray()));
        }
        List<Resource> kept = new ArrayList<>(documents.size());
        for (Resource r : documents) {
            boolean drop = hidden.contains(r) && !existing.contains(r.provider().key() + "|" + r.id());
            (drop ? stale : kept).add(r);
        }
        return kept;
    }
}
