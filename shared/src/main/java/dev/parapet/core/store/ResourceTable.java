package dev.parapet.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;
import dev.parapet.core.store.Lifecycle.SeenBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * SQL of the inventory. Monotonicity lives in the upsert's WHERE: a live row takes a document observed no earlier
 * than its own (at equal times a deletion wins); a dead row comes back only for evidence newer than its death
 * (a document observed later, or a scan started later). Rows are written in (provider, id) order.
 */
final class ResourceTable {
    private static final String COLUMNS = "provider, resource_id, id_key, resource_type, type_key, account, "
            + "account_key, region, region_key, name, tags, document, observed_at, live, gone_at, gone_reason, "
            + "last_scan_id, last_scan_started";

    /** Follows a multi-row VALUES list; RETURNING names the rows written, so the others were stale. */
    private static final String UPSERT = " ON CONFLICT (provider, resource_id) DO UPDATE SET "
            + "id_key = excluded.id_key, resource_type = excluded.resource_type, type_key = excluded.type_key, "
            + "account = excluded.account, account_key = excluded.account_key, region = excluded.region, "
            + "region_key = excluded.region_key, name = excluded.name, tags = excluded.tags, "
            + "document = excluded.document, observed_at = excluded.observed_at, live = excluded.live, "
            + "gone_at = excluded.gone_at, gone_reason = excluded.gone_reason, "
            + "last_scan_id = CASE WHEN excluded.last_scan_started >= resources.last_scan_started "
            + "THEN excluded.last_scan_id ELSE resources.last_scan_id END, "
            + "last_scan_started = CASE WHEN excluded.last_scan_started > resources.last_scan_started "
            + "THEN excluded.last_scan_started ELSE resources.last_scan_started END "
            + "WHERE (resources.live = 1 AND resources.observed_at <= excluded.observed_at) "
            + "OR (resources.live = 0 AND excluded.live = 1 AND (resources.gone_at < excluded.observed_at "
            + "OR resources.gone_at < excluded.last_scan_started)) "
            + "OR (resources.live = 0 AND excluded.live = 0 AND resources.gone_at <= excluded.observed_at) "
            + "RETURNING provider, resource_id";

    /** A scan saw a resource whose stored document is newer: it still exists, so mark it seen. */
    private static final String MARK_SEEN = "UPDATE resources SET last_scan_id = ?, last_scan_started = ? "
            + "WHERE provider = ? AND resource_id = ? AND live = 1 AND last_scan_started <= ?";

    private static final String NOT_SEEN = "UPDATE resources SET live = 0, gone_at = ?, gone_reason = '"
            + StoredFinding.NOT_SEEN + "' WHERE provider = ? AND account_key = ? AND (? = '' OR region_key = ?) "
            + "AND live = 1 AND last_scan_started < ? AND observed_at < ?";

    private static final String SELECT = "SELECT provider, resource_id, resource_type, account, region, name, tags, "
            + "document, observed_at FROM resources ";

    private ResourceTable() {
    }

    /** Writes live and deleted documents; returns how many were stale (older than the stored state). */
    static int write(Connection c, List<Resource> live, List<Resource> deleted, SeenBy seen) throws SQLException {
        return write(c, live, deleted, seen, RetentionMarks.NONE);
    }

    /** As above; documents that {@code marks} hide and that have no row are stale (their tombstone may be purged). */
    static int write(Connection c, List<Resource> live, List<Resource> deleted, SeenBy seen, RetentionMarks marks)
            throws SQLException {
        // One row per resource and statement (PostgreSQL refuses to upsert a row twice in one statement): the newest
        // document wins, a deletion at equal times, as in the upsert's own rule.
        Map<String, Resource> latest = new TreeMap<>();
        for (Resource r : concat(live, deleted)) {
            if (r.observedAt() == null) {
                throw new IllegalArgumentException("resource " + r.id() + " has no observation time; "
                        + "the store orders writes by it");
            }
            latest.merge(r.provider().key() + "|" + r.id(), r, ResourceTable::newer);
        }
        List<Resource> stale = new ArrayList<>();
        List<Resource> all = marks.dropHidden(c, new ArrayList<>(latest.values()), seen, stale);
        for (List<Resource> chunk : Sql.chunks(all, Sql.ROWS)) {
            Set<String> written = upsert(c, chunk, seen);
            for (Resource r : chunk) {
                if (!written.contains(r.provider().key() + "|" + r.id())) {
                    stale.add(r);
                }
            }
        }
        if (seen != null) {
            markSeen(c, stale.stream().filter(r -> !r.deleted()).toList(), seen);
        }
        return stale.size();
    }

    private static List<Resource> concat(List<Resource> a, List<Resource> b) {
        List<Resource> out = new ArrayList<>(a.size() + b.size());
        out.addAll(a);
        out.addAll(b);
        return out;
    }

    private static Resource newer(Resource a, Resource b) {
        int byTime = a.observedAt().compareTo(b.observedAt());
        return byTime != 0 ? (byTime > 0 ? a : b) : (b.deleted() ? b : a);
    }

    private static Set<String> upsert(Connection c, List<Resource> chunk, SeenBy seen) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO resources (" + COLUMNS + ") VALUES "
                + Sql.rows(18, chunk.size()) + UPSERT)) {
            int i = 0;
            for (Resource r : chunk) {
                long observed = Sql.millis(r.observedAt());
                ps.setString(++i, r.provider().key());
                ps.setString(++i, r.id());
                ps.setString(++i, Sql.key(r.id()));
                ps.setString(++i, r.type());
                ps.setString(++i, Sql.key(r.type()));
                ps.setString(++i, r.account());
                ps.setString(++i, Sql.key(r.account()));
                ps.setString(++i, r.region());
                ps.setString(++i, Sql.key(r.region()));
                ps.setString(++i, r.name());
                ps.setString(++i, FindingRow.toJson(r.tags()));
                ps.setString(++i, FindingRow.toJson(r.document()));
                ps.setLong(++i, observed);
                ps.setInt(++i, r.deleted() ? 0 : 1);
                Sql.setLong(ps, ++i, r.deleted() ? observed : null);
                ps.setString(++i, r.deleted() ? StoredFinding.DELETED : null);
                ps.setString(++i, seen == null ? null : seen.scanId());
                ps.setLong(++i, seen == null ? 0 : seen.started());
            }
            Set<String> written = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    written.add(rs.getString(1) + "|" + rs.getString(2));
                }
            }
            return written;
        }
    }

    private static void markSeen(Connection c, List<Resource> resources, SeenBy seen) throws SQLException {
        if (resources.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(MARK_SEEN)) {
            for (Resource r : resources) {
                ps.setString(1, seen.scanId());
                ps.setLong(2, seen.started());
                ps.setString(3, r.provider().key());
                ps.setString(4, r.id());
                ps.setLong(5, seen.started());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Marks live resources of a scope that a complete scan did not see (nor anything since) as gone. */
    static int notSeen(Connection c, ScanScope scope, long scanStarted) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(NOT_SEEN)) {
            String region = scope.region() == null ? "" : Sql.key(scope.region());
            Sql.bind(ps, scanStarted, scope.provider().key(), Sql.key(scope.account()), region, region,
                    scanStarted, scanStarted);
            return ps.executeUpdate();
        }
    }

    static List<Resource> find(Connection c, Provider provider, String account, String region, String type)
            throws SQLException {
        String regionKey = region == null ? "" : Sql.key(region);
        return query(c, "WHERE provider = ? AND account_key = ? AND type_key = ? AND live = 1 "
                + "AND (? = '' OR region_key = ?)", provider.key(), Sql.key(account), Sql.key(type), regionKey, regionKey);
    }

    static List<Resource> children(Connection c, Provider provider, String parentId, String type) throws SQLException {
        return query(c, "WHERE provider = ? AND type_key = ? AND live = 1 AND id_key LIKE ? ESCAPE '!'",
                provider.key(), Sql.key(type), Sql.likePrefix(Sql.key(parentId) + "/"));
    }

    private static List<Resource> query(Connection c, String where, Object... params) throws SQLException {
        List<Resource> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT + where)) {
            Sql.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        out.sort(Comparator.comparing(Resource::id));
        return out;
    }

    private static Resource read(ResultSet rs) throws SQLException {
        String id = rs.getString("resource_id");
        try {
            JsonNode document = Json.MAPPER.readTree(rs.getString("document"));
            Map<String, String> tags = Json.MAPPER.readValue(rs.getString("tags"), new TypeReference<>() { });
            return new Resource(Provider.parse(rs.getString("provider")), id, rs.getString("resource_type"),
                    rs.getString("account"), rs.getString("region"), rs.getString("name"), tags,
                    Sql.instant(rs.getLong("observed_at")), false, document);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored resource " + id + " holds invalid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
