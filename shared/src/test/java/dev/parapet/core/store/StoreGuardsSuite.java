package dev.parapet.core.store;

import dev.parapet.core.engine.Assessment;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;
import dev.parapet.core.model.ResourceRef;
import dev.parapet.core.model.Severity;
import dev.parapet.core.model.Status;
import dev.parapet.core.store.Docs.Block;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.parapet.core.store.Docs.ACCOUNT;
import static dev.parapet.core.store.Docs.OTHER_ACCOUNT;
import static dev.parapet.core.store.Docs.assess;
import static dev.parapet.core.store.Docs.at;
import static dev.parapet.core.store.Docs.bucket;
import static dev.parapet.core.store.Docs.deletedBucket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store contract, continued, on every backend: bad data refused whole, evidence truncated, values the build
 * does not know named, retention that keeps what is active and keeps old documents out, schema handling on open.
 */
abstract class StoreGuardsSuite extends StoreSuite {
    static final FindingFilter ALL = new FindingFilter(null, null, null, null, true);

    /** Runs SQL beside the store, as an operator or another Parapet version would. */
    void sql(String statement) throws SQLException {
        StoreUrl u = StoreUrl.parse(url);
        try (Connection c = DriverManager.getConnection(u.jdbcUrl(), u.user(), u.password());
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    String queryString(String query) throws SQLException {
        StoreUrl u = StoreUrl.parse(url);
        try (Connection c = DriverManager.getConnection(u.jdbcUrl(), u.user(), u.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            assertThat(rs.next()).as("a row for %s", query).isTrue();
            return rs.getString(1);
        }
    }

    static String withParam(String url, String param) {
        return url + (url.contains("?") ? "&" : "?") + param;
    }

    static Finding copy(Finding f, String ruleId, ResourceRef resource, Status status, Severity severity,
                        Map<String, Object> evidence) {
        return new Finding(ruleId, f.title(), severity, status, resource, f.control(), f.compliance(), evidence,
                f.observedAt());
    }

    static ResourceRef withId(ResourceRef r, String id) {
        return new ResourceRef(r.provider(), id, r.type(), r.account(), r.region(), r.name());
    }

    /** Letters and digits picked at random: text no compression shrinks. */
    static String randomText(int length, long seed) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        Random random = new Random(seed);
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** A finding on a resource of our own making, with the given evidence. */
    static Assessment handmade(String id, String type, String account, String ruleId, Map<String, Object> evidence) {
        Instant observed = at("2026-03-04T10:00:00Z");
        Resource r = new Resource(Provider.AWS, id, type, account, "us-east-1", "handmade", Map.of("team", "payments"),
                observed, false, Json.MAPPER.createObjectNode().put("id", id));
        Finding f = new Finding(ruleId, "Handmade check", Severity.HIGH, Status.FAIL, r.ref(), "security-best-practices",
                Map.of(), evidence, observed);
        return new Assessment(List.of(f), List.of(r), List.of(), 1);
    }

    // ---- bad data ----

    @Test
    void aPartWithOneBadFindingWritesNothingOfItAndNamesTheBadItem() {
        store.beginScan(scan("s1", "2026-03-04T11:00:00Z", MAIN));
        Assessment good = assess(bucket("a", "2026-03-04T10:00:00Z", Block.PARTIAL),
                bucket("b", "2026-03-04T10:00:00Z", Block.ALL));
        Finding first = good.findings().get(0);
        List<Finding> findings = new ArrayList<>(good.findings());
        findings.add(copy(first, "rule\u0007bell", first.resource(), first.status(), first.severity(), first.evidence()));
        Assessment part = new Assessment(findings, good.resources(), good.deleted(), good.evaluations());

        assertThatThrownBy(() -> store.recordScanPart("s1", part)).isInstanceOfSatisfying(InvalidDataException.class, e -> {
            assertThat(e.problems()).singleElement().asString()
                    .contains("finding 'rule\\u0007bell' on '" + first.resource().id() + "'",
                            "rule id holds control character U+0007");
            assertThat(e.getMessage()).startsWith("part of scan 's1' rejected, nothing written: 1 invalid item");
        });
        assertThat(store.findings(ALL)).isEmpty();
        assertThat(liveBuckets()).isEmpty();
        assertThat(((JdbcStore) store).scanSummary("s1")).hasValue(new ScanSummary("s1", 0, 0, 0, 0, 0));

        store.recordScanPart("s1", good);
        assertThat(liveBuckets()).containsExactly("a", "b");
    }

    @Test
    void invalidIdsAndMissingValuesAreEachNamed() {
        Finding f = assess(bucket("a", "2026-03-04T10:00:00Z", Block.PARTIAL)).findings().stream()
                .filter(x -> x.ruleId().equals(Docs.BUCKET_RULE)).findFirst().orElseThrow();
        ResourceRef r = f.resource();
        String tooLong = "arn:aws:s3:::" + "x".repeat(StoreLimits.RESOURCE_ID_BYTES - 12);
        List<Finding> bad = List.of(
                copy(f, "", r, f.status(), f.severity(), f.evidence()),
                copy(f, "r".repeat(StoreLimits.NAME_BYTES + 1), r, f.status(), f.severity(), f.evidence()),
                copy(f, f.ruleId(), withId(r, " "), f.status(), f.severity(), f.evidence()),
                copy(f, f.ruleId(), withId(r, tooLong), f.status(), f.severity(), f.evidence()),
                copy(f, f.ruleId(), withId(r, "arn:aws:s3:::a\nb"), f.status(), f.severity(), f.evidence()),
                copy(f, f.ruleId(), r, null, f.severity(), f.evidence()),
                copy(f, f.ruleId(), r, f.status(), null, f.evidence()));
        Resource emptyId = new Resource(Provider.AWS, "", "AWS::S3::Bucket", ACCOUNT, "us-east-1", "x", Map.of(),
                at("2026-03-04T10:00:00Z"), false, Json.MAPPER.createObjectNode());

        assertThatThrownBy(() -> store.recordChange(new Assessment(bad, List.of(emptyId), List.of(), bad.size())))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> assertThat(e.problems()).satisfiesExactly(
                        p -> assertThat(p).contains("resource '': resource id is empty"),
                        p -> assertThat(p).contains("finding '' on 'arn:aws:s3:::a'", "rule id is empty"),
                        p -> assertThat(p).contains("rule id is 257 bytes long (at most 256)"),
                        p -> assertThat(p).contains("finding '" + Docs.BUCKET_RULE + "' on ' '", "resource id is empty"),
                        p -> assertThat(p).contains("resource id is 2049 bytes long (at most 2048)", "...(2049 chars)"),
                        p -> assertThat(p).contains("on 'arn:aws:s3:::a\\u000Ab'", "control character U+000A at index 14"),
                        p -> assertThat(p).contains("status is missing"),
                        p -> assertThat(p).contains("severity is missing")));
        assertThat(store.findings(ALL)).isEmpty();

        assertThatThrownBy(() -> store.beginScan(scan("s\u00001", "2026-03-04T11:00:00Z", MAIN)))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("scan id holds control character U+0000");
        assertThat(store.scans(10)).isEmpty();
    }

    /** The longest ids the limits allow fit every index, PostgreSQL's b-tree entry limit included. */
    @Test
    void idsAtTheLimitsAreStoredAndReadBack() {
        String id = "arn:aws:s3:::" + randomText(StoreLimits.RESOURCE_ID_BYTES - 13, 1);
        String type = "AWS::Test::" + randomText(StoreLimits.NAME_BYTES - 11, 2);
        String account = randomText(StoreLimits.NAME_BYTES, 3);
        String rule = randomText(StoreLimits.NAME_BYTES, 4);
        Assessment a = handmade(id, type, account, rule, Map.of("setting", "off"));

        assertThat(store.recordChange(a).opened()).isEqualTo(1);
        Finding f = a.findings().get(0);
        assertThat(get(f.key()).finding().resource()).isEqualTo(f.resource());
        assertThat(store.inventory().find(Provider.AWS, account, null, type)).extracting(Resource::id).containsExactly(id);
        assertThat(store.recordChange(a).findingsWritten()).isZero();
    }

    @Test
    void oversizedEvidenceIsKeptTruncatedAndFlagged() throws SQLException {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("policy", "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Sid\":\"é✓\"}]}".repeat(4_000));
        evidence.put("count", 4_000);
        Assessment a = handmade("arn:aws:iam::111122223333:policy/big", "AWS::IAM::Policy", ACCOUNT, "big-evidence",
                evidence);
        String original = FindingRow.toJson(evidence);
        assertThat(StoreLimits.utf8Length(original)).isGreaterThan(3 * StoreLimits.EVIDENCE_BYTES);

        assertThat(store.recordChange(a).opened()).as("the finding is kept").isEqualTo(1);

        Finding f = a.findings().get(0);
        StoredFinding stored = get(f.key());
        assertThat(stored.evidenceTruncated()).isTrue();
        assertThat(stored.state()).isEqualTo(StoredFinding.OPEN);
        Map<String, Object> kept = stored.finding().evidence();
        assertThat(kept.get(StoreLimits.ORIGINAL_BYTES)).isEqualTo(StoreLimits.utf8Length(original));
        String preview = (String) kept.get(StoreLimits.PREVIEW);
        assertThat(original).startsWith(preview);
        assertThat(preview.length()).as("a useful preview").isGreaterThan(StoreLimits.EVIDENCE_BYTES / 4);
        String column = queryString("SELECT evidence FROM findings WHERE finding_key = '" + f.key() + "'");
        assertThat(column.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(StoreLimits.EVIDENCE_BYTES);
        assertThat(store.recordChange(a).findingsWritten()).as("truncation is deterministic: same write, no change")
                .isZero();

        Map<String, Object> fits = Map.of("policy", "x".repeat(StoreLimits.EVIDENCE_BYTES - 20));
        Assessment whole = handmade("arn:aws:iam::111122223333:policy/fits", "AWS::IAM::Policy", ACCOUNT,
                "big-evidence", fits);
        store.recordChange(whole);
        StoredFinding kept2 = get(whole.findings().get(0).key());
        assertThat(kept2.evidenceTruncated()).isFalse();
        assertThat(kept2.finding().evidence()).isEqualTo(fits);
    }

    @Test
    void aStoredValueThisBuildDoesNotKnowIsNamedWithItsRow() throws SQLException {
        store.recordChange(assess(bucket("a", "2026-03-04T10:00:00Z", Block.PARTIAL)));
        sql("UPDATE findings SET status = 'SKIPPED' WHERE finding_key = '" + bucketKey("a") + "'");
        assertThatThrownBy(() -> store.findings(FindingFilter.CURRENT)).isInstanceOf(StoreException.class)
                .hasMessageContaining("stored finding " + bucketKey("a") + " holds unknown Status 'SKIPPED'")
                .hasMessageContaining("newer Parapet");
    }

    // ---- retention ----

    /** A finding that failed, was fixed, failed and was fixed again keeps that past through retention. */
    @Test
    void retentionKeepsActiveFindingsAndWhatTheyWentThrough() {
        store.recordChange(assess(bucket("a", "2026-01-04T10:00:00Z", Block.PARTIAL)));
        store.recordChange(assess(bucket("a", "2026-01-05T10:00:00Z", Block.ALL)));
        store.recordChange(assess(bucket("a", "2026-01-06T10:00:00Z", Block.PARTIAL)));
        store.recordChange(assess(bucket("a", "2026-01-07T10:00:00Z", Block.ALL)));
        assertThat(states(bucketKey("a"))).containsExactly("OPEN", "RESOLVED", "OPEN", "RESOLVED");

        store.applyRetention(at("2026-02-01T00:00:00Z"));

        StoredFinding a = get(bucketKey("a"));
        assertThat(a.state()).isEqualTo(StoredFinding.RESOLVED);
        assertThat(a.resolution()).isEqualTo(StoredFinding.PASSED);
        assertThat(a.reopenCount()).isEqualTo(1);
        assertThat(a.firstSeen()).isEqualTo(at("2026-01-04T10:00:00Z"));
        assertThat(store.history(bucketKey("a"))).as("older history goes, the latest entry stays")
                .extracting(StatusChange::state, StatusChange::at)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("RESOLVED", at("2026-01-07T10:00:00Z")));

        ChangeSummary march = store.recordChange(assess(bucket("a", "2026-03-04T10:00:00Z", Block.PARTIAL)));
        assertThat(march.reopened()).as("a failure that comes back, not a first one").isEqualTo(1);
        assertThat(march.opened()).isZero();
        assertThat(get(bucketKey("a")).reopenCount()).isEqualTo(2);
    }

    @Test
    void aPurgedTombstoneStillKeepsOlderDocumentsOut() {
        store.recordChange(assess(bucket("b", "2026-01-04T10:00:00Z", Block.PARTIAL)));
        store.recordChange(assess(deletedBucket("b", ACCOUNT, "2026-01-10T00:00:00Z")));
        store.applyRetention(at("2026-02-01T00:00:00Z"));
        assertThat(stored(bucketKey("b"))).as("tombstone and inactive finding purged").isEmpty();

        // a document captured before the deletion arrives late: without the tombstone it would bring b back
        ChangeSummary late = store.recordChange(assess(bucket("b", "2026-01-08T10:00:00Z", Block.PARTIAL)));
        assertThat(late.opened()).isZero();
        assertThat(late.stale()).isGreaterThanOrEqualTo(1);
        assertThat(stored(bucketKey("b"))).isEmpty();
        assertThat(liveBuckets()).isEmpty();

        // another account has no mark: its old documents still count
        store.recordChange(assess(bucket("c", OTHER_ACCOUNT, "us-east-1", "2026-01-08T10:00:00Z", Block.PARTIAL)));
        assertThat(get(bucketKey("c")).state()).isEqualTo(StoredFinding.OPEN);

        // a scan started after the mark vouches for the same capture (an unchanged bucket listed again)
        store.recordScan(scan("mar", "2026-03-04T11:00:00Z", MAIN),
                assess(bucket("b", "2026-01-08T10:00:00Z", Block.PARTIAL)), at("2026-03-04T11:05:00Z"));
        assertThat(liveBuckets()).containsExactly("b");
        assertThat(get(bucketKey("b")).state()).isEqualTo(StoredFinding.OPEN);
    }

    // ---- schema on open ----

    @Test
    void openingACurrentSchemaSkipsFlywayUnlessAskedTo() {
        SchemaCheck first = ((JdbcStore) store).schema();
        assertThat(first.flywayRan()).isTrue();
        assertThat(first.pending()).isEqualTo(first.bundled()).contains("1", "3");
        try (JdbcStore again = Stores.open(url)) {
            assertThat(again.schema().flywayRan()).isFalse();
            assertThat(again.schema().pending()).isEmpty();
        }
        try (JdbcStore always = Stores.open(withParam(url, "migrate=always"))) {
            assertThat(always.schema().flywayRan()).isTrue();
            assertThat(always.schema().pending()).isEmpty();
        }
    }

    @Test
    void migrateNeverRefusesASchemaThatLacksAMigration() {
        String fresh = newUrl();
        assertThatThrownBy(() -> Stores.open(withParam(fresh, "migrate=never")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("lacks schema migrations [")
                .hasMessageContaining("parapet store migrate");
        SchemaCheck migrated = Stores.migrate(withParam(fresh, "migrate=never"));
        assertThat(migrated.flywayRan()).isTrue();
        try (JdbcStore s = Stores.open(withParam(fresh, "migrate=never"))) {
            assertThat(s.schema().flywayRan()).isFalse();
            assertThat(s.recordChange(assess(bucket("a", "2026-03-04T10:00:00Z", Block.PARTIAL))).opened()).isEqualTo(2);
        }
    }

    @Test
    void aMissingMigrationIsAppliedOnOpen() throws SQLException {
        sql("DROP TABLE retention_marks");
        sql("DELETE FROM flyway_schema_history WHERE version = '3'");
        try (JdbcStore s = Stores.open(url)) {
            assertThat(s.schema().pending()).containsExactly("3");
            assertThat(s.schema().flywayRan()).isTrue();
            assertThat(s.applyRetention(at("2026-01-01T00:00:00Z"))).isZero();
        }
    }
}
