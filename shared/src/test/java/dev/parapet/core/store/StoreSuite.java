package dev.parapet.core.store;

import dev.parapet.core.engine.AccountResources;
import dev.parapet.core.engine.Assessment;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.FindingKey;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;
import dev.parapet.core.model.Status;
import dev.parapet.core.run.ChangeAssessor;
import dev.parapet.core.store.Docs.Block;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.parapet.core.store.Docs.ACCOUNT;
import static dev.parapet.core.store.Docs.BUCKET_RULE;
import static dev.parapet.core.store.Docs.OTHER_ACCOUNT;
import static dev.parapet.core.store.Docs.TRAIL_RULE;
import static dev.parapet.core.store.Docs.assess;
import static dev.parapet.core.store.Docs.at;
import static dev.parapet.core.store.Docs.bucket;
import static dev.parapet.core.store.Docs.deletedBucket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store contract, run against every backend (SQLite file, real PostgreSQL) by a subclass each. Documents are
 * real AWS Config items and ARM resources, assessed by the real engine with real rules.
 */
abstract class StoreSuite {
    static final ScanScope MAIN = new ScanScope(Provider.AWS, ACCOUNT, null);

    protected String url;
    protected Store store;

    /** A fresh, empty store location. */
    abstract String newUrl();

    @BeforeEach
    void open() {
        url = newUrl();
        store = Stores.open(url);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Scan scan(String id, String startedAt, ScanScope... scopes) {
        return Scan.running(id, List.of(scopes), "test", at(startedAt));
    }

    static String bucketKey(String name) {
        return FindingKey.of(BUCKET_RULE, "arn:aws:s3:::" + name);
    }

    static String accountKey(String account) {
        return FindingKey.of(TRAIL_RULE, AccountResources.idFor(Provider.AWS, account));
    }

    Optional<StoredFinding> stored(String key) {
        return store.findings(new FindingFilter(null, null, null, null, true)).stream()
                .filter(f -> f.key().equals(key)).findFirst();
    }

    StoredFinding get(String key) {
        return stored(key).orElseThrow(() -> new AssertionError("no finding " + key));
    }

    List<String> states(String key) {
        return store.history(key).stream().map(StatusChange::state).toList();
    }

    List<String> liveBuckets() {
        return store.inventory().find(Provider.AWS, ACCOUNT, null, "AWS::S3::Bucket").stream().map(Resource::name).toList();
    }

    @Test
    void firstScanRecordsEveryStateAndOpensTheFailures() {
        ScanSummary summary = store.recordScan(scan("s1", "2026-03-04T11:00:00Z", MAIN),
                assess(bucket("a", "2026-03-04T10:00:00Z", Block.ALL), bucket("b", "2026-03-04T10:00:00Z", Block.PARTIAL),
                        bucket("c", "2026-03-04T10:00:00Z", Block.NONE), bucket("d", "2026-03-04T10:00:00Z", Block.BROKEN)),
                at("2026-03-04T11:05:00Z"));

        // b and c fail the bucket rule; the stand-in account document fails the trail rule (no trail at all)
        assertThat(summary).isEqualTo(new ScanSummary("s1", 5, 3, 0, 0, 0));
        assertThat(get(bucketKey("a")).state()).isEqualTo(StoredFinding.PASSING);
        assertThat(get(bucketKey("b")).state()).isEqualTo(StoredFinding.OPEN);
        assertThat(get(bucketKey("c")).state()).isEqualTo(StoredFinding.OPEN);
        assertThat(get(bucketKey("d")).state()).isEqualTo(StoredFinding.ERROR);
        assertThat(get(accountKey(ACCOUNT)).state()).isEqualTo(StoredFinding.OPEN);

        StoredFinding b = get(bucketKey("b"));
        assertThat(b.firstSeen()).isEqualTo(at("2026-03-04T10:00:00Z"));
        assertThat(b.lastSeen()).as("seen by the scan that started later").isEqualTo(at("2026-03-04T11:00:00Z"));
        assertThat(b.lastScanId()).isEqualTo("s1");
        assertThat(b.resolvedAt()).isNull();
        assertThat(b.finding().status()).isEqualTo(Status.FAIL);
        assertThat(b.finding().evidence()).containsKey("publicAccessBlock");
        assertThat(b.finding().compliance()).containsEntry("CIS-AWS-7.0.0", List.of("3.1.4"));
        assertThat(store.history(bucketKey("b"))).containsExactly(new StatusChange(bucketKey("b"), Status.FAIL,
                StoredFinding.OPEN, null, at("2026-03-04T10:00:00Z"), "s1"));

        assertThat(store.findings(new FindingFilter(null, null, null, Status.FAIL, false)))
                .extracting(StoredFinding::key)
                .containsExactly(accountKey(ACCOUNT), bucketKey("b"), bucketKey("c"));
        assertThat(store.findings(new FindingFilter(Provider.AWS, ACCOUNT, BUCKET_RULE, null, false)))
                .extracting(f -> f.finding().resource().name()).containsExactly("a", "b", "c", "d");
        assertThat(store.findings(new FindingFilter(Provider.AZURE, null, null, null, true))).isEmpty();
    }

    @Test
    void failingPairResolvesWhenItPassesAndReopensWhenItFailsAgain() {
        store.recordScan(scan("s1", "2026-03-04T11:00:00Z", MAIN), assess(bucket("b", "2026-03-04T10:00:00Z", Block.PARTIAL)),
                at("2026-03-04T11:05:00Z"));
        ScanSummary fixed = store.recordScan(scan("s2", "2026-03-05T11:00:00Z", MAIN),
                assess(bucket("b", "2026-03-05T09:00:00Z", Block.ALL)), at("2026-03-05T11:05:00Z"));
        StoredFinding resolved = get(bucketKey("b"));
        assertThat(fixed.resolved()).isEqualTo(1);
        assertThat(resolved.state()).isEqualTo(StoredFinding.RESOLVED);
        assertThat(resolved.resolution()).isEqualTo(StoredFinding.PASSED);
        assertThat(resolved.resolvedAt()).isEqualTo(at("2026-03-05T09:00:00Z"));

        ScanSummary again = store.recordScan(scan("s3", "2026-03-06T11:00:00Z", MAIN),
                assess(bucket("b", "2026-03-06T09:00:00Z", Block.NONE)), at("2026-03-06T11:05:00Z"));
        StoredFinding reopened = get(bucketKey("b"));
        assertThat(again.reopened()).isEqualTo(1);
        assertThat(again.opened()).isZero();
        assertThat(reopened.state()).isEqualTo(StoredFinding.OPEN);
        assertThat(reopened.reopenCount()).isEqualTo(1);
        assertThat(reopened.resolvedAt()).isNull();
        assertThat(reopened.firstSeen()).isEqualTo(at("2026-03-04T10:00:00Z"));
        assertThat(states(bucketKey("b"))).containsExactly("OPEN", "RESOLVED", "OPEN");
        assertThat(store.history(bucketKey("b"))).extracting(StatusChange::scanId).containsExactly("s1", "s2", "s3");
    }

    @Test
    void errorNeitherResolvesNorOpens() {
        store.recordChange(assess(bucket("b", "2026-03-04T10:00:00Z", Block.PARTIAL)));
        ChangeSummary broken = store.recordChange(assess(bucket("b", "2026-03-04T11:00:00Z", Block.BROKEN)));
        assertThat(broken.resolved()).isZero();
        assertThat(get(bucketKey("b")).state()).isEqualTo(StoredFinding.ERROR);

        ChangeSummary failsAgain = store.recordChange(assess(bucket("b", "2026-03-04T12:00:00Z", Block.PARTIAL)));
        assertThat(failsAgain.opened()).as("still the same failure, not a new one").isZero();
        assertThat(failsAgain.reopened()).isZero();
        assertThat(get(bucketKey("b")).reopenCount()).isZero();
        assertThat(states(bucketKey("b"))).containsExactly("OPEN", "ERROR", "OPEN");
    }

    @Test
    void theSameAssessmentTwiceChangesNothing() {
        Assessment batch = assess(bucket("a", "2026-03-04T10:00:00Z", Block.ALL),
                bucket("b", "2026-03-04T10:00:00Z", Block.PARTIAL));
        ChangeSummary first = store.recordChange(batch);
        List<StoredFinding> before = store.findings(FindingFilter.CURRENT);
        List<StatusChange> historyBefore = store.history(bucketKey("b"));

        ChangeSummary second = store.recordChange(batch);

        assertThat(first.findingsWritten()).isEqualTo(3);
        assertThat(first.opened()).isEqualTo(2);
        assertThat(second).isEqualTo(new ChangeSummary(0, 0, 0, 0, 0));
        assertThat(store.findings(FindingFilter.CURRENT)).isEqualTo(before);
        assertThat(store.history(bucketKey("b"))).isEqualTo(historyBefore).hasSize(1);
    }

    @Test
    void aScanPartWrittenTwiceCountsOnce() {
        Scan s1 = scan("s1", "2026-03-04T11:00:00Z", MAIN);
        Assessment part = assess(bucket("b", "2026-03-04T10:00:00Z", Block.PARTIAL));
        store.beginScan(s1);
        store.beginScan(s1);
        store.recordScanPart("s1", part);
        store.recordScanPart("s1", part);
        ScanSummary summary = store.finishScan("s1", at("2026-03-04T11:05:00Z"));
        assertThat(summary.opened()).isEqualTo(2); // bucket b and the account
        assertThat(summary.findingsWritten()).isEqualTo(2);
        assertThat(store.history(bucketKey("b"))).hasSize(1);
        assertThat(store.finishScan("s1", at("2026-03-04T12:00:00Z"))).as("finishing again").isEqualTo(summary);
        assertThat(store.scan("s1").orElseThrow().finishedAt()).isEqualTo(at("2026-03-04T11:05:00Z"));
    }

    @Test
    void anOlderDocumentArrivingLateNeverRollsBack() {
        store.recordChange(assess(bucket("b", "2026-03-04T12:00:00Z", Block.ALL)));
        ChangeSummary late = store.recordChange(assess(bucket("b", "2026-03-04T11:00:00Z", Block.PARTIAL)));

        assertThat(late.stale()).as("the bucket and the engine's stand-in account document").isEqualTo(2);
        assertThat(late.findingsWritten()).isZero();
        StoredFinding b = get(bucketKey("b"));
        assertThat(b.state()).isEqualTo(StoredFinding.PASSING);
        assertThat(b.finding().observedAt()).isEqualTo(at("2026-03-04T12:00:00Z"));
        assertThat(b.firstSeen()).as("first seen widens to the older observation").isEqualTo(at("2026-03-04T11:00:00Z"));
        Resource stored = store.inventory().find(Provider.AWS, ACCOUNT, null, "AWS::S3::Bucket").get(0);
        assertThat(stored.observedAt()).isEqualTo(at("2026-03-04T12:00:00Z"));
        assertThat(stored.document().at("/supplementaryConfiguration/PublicAccessBlockConfiguration/blockPublicPolicy")
                .asBoolean()).isTrue();
    }

    @Test
    void arrivalOrderDoesNotChangeTheFinalState() {
        List<Resource> docs = List.of(bucket("b", "2026-03-04T10:00:00Z", Block.PARTIAL),
                bucket("b", "2026-03-04T11:00:00Z", Block.ALL), bucket("b", "2026-03-04T12:00:00Z", Block.NONE));
        for (List<Integer> order : List.of(List.of(0, 1, 2), List.of(2, 1, 0), List.of(1, 2, 0))) {
            try (Store fresh = Stores.open(newUrl())) {
                order.forEach(i -> fresh.recordChange(assess(docs.get(i))));
                StoredFinding b = fresh.findings(FindingFilter.CURRENT).stream()
                        .filter(f -> f.key().equals(bucketKey("b"))).findFirst().orElseThrow();
                assertThat(b.state()).as("order %s", order).isEqualTo(StoredFinding.OPEN);
                assertThat(b.finding().observedAt()).as("order %s", order).isEqualTo(at("2026-03-04T12:00:00Z"));
                assertThat(b.firstSeen()).as("order %s", order).isEqualTo(at("2026-03-04T10:00:00Z"));
            }
        }
    }

    @Test
    void aBatchHoldingOneResourceTwiceKeepsTheNewestDocument() {
        Assessment older = assess(bucket("b", "2026-03-04T10:00:00Z", Block.PARTIAL));
        Assessment newer = assess(bucket("b", "2026-03-04T11:00:00Z", Block.ALL));
        List<Finding> findings = new ArrayList<>(newer.findings());
        findings.addAll(older.findings());
        List<Resource> resources = new ArrayList<>(newer.resources());
        resources.addAll(older.resources());
        store.recordChange(new Assessment(findings, resources, List.of(), 0)); // two workers' parts merged

        assertThat(get(bucketKey("b")).state()).isEqualTo(StoredFinding.PASSING);
        assertThat(store.inventory().find(Provider.AWS, ACCOUNT, null, "AWS::S3::Bucket")).singleElement()
                .satisfies(r -> assertThat(r.observedAt()).isEqualTo(at("2026-03-04T11:00:00Z")));
    }

    @Test
    void aDeletedResourceResolvesItsFindingsAndLeavesTheInventory() {
        store.recordScan(scan("s1", "2026-03-04T11:00:00Z", MAIN), assess(bucket("a", "2026-03-04T10:00:00Z", Block.ALL),
                bucket("b", "2026-03-04T10:00:00Z", Block.PARTIAL)), at("2026-03-04T11:05:00Z"));

        ChangeSummary deletion = store.recordChange(assess(deletedBucket("b", ACCOUNT, "2026-03-04T13:00:00Z")));

        assertThat(deletion.resolved()).isEqualTo(1);
        StoredFinding b = get(bucketKey("b"));
        assertThat(b.state()).isEqualTo(StoredFinding.RESOLVED);
        assertThat(b.resolution()).isEqualTo(StoredFinding.DELETED);
        assertThat(b.resolvedAt()).isEqualTo(at("2026-03-04T13:00:00Z"));
        assertThat(store.findings(FindingFilter.CURRENT)).extracting(StoredFinding::key).doesNotContain(bucketKey("b"))
                .contains(bucketKey("a"));
        assertThat(store.history(bucketKey("b")).get(1))
                .isEqualTo(new StatusChange(bucketKey("b"), Status.FAIL, "RESOLVED", "DELETED", at("2026-03-04T13:00:00Z"), null));
        assertThat(liveBuckets()).containsExactly("a");

        ChangeSummary ghost = store.recordChange(assess(bucket("b", "2026-03-04T12:00:00Z", Block.PARTIAL)));
        assertThat(ghost.stale()).as("a document from before the deletion").isEqualTo(1);
        assertThat(get(bucketKey("b")).state()).isEqualTo(StoredFinding.RESOLVED);
        assertThat(liveBuckets()).containsExactly("a");

        ChangeSummary recreated = store.recordChange(assess(bucket("b", "2026-03-04T14:00:00Z", Block.NONE)));
        assertThat(recreated.reopened()).isEqualTo(1);
        assertThat(get(bucketKey("b")).state()).isEqualTo(StoredFinding.OPEN);
        assertThat(get(bucketKey("b")).reopenCount()).isEqualTo(1);
        assertThat(liveBuckets()).containsExactly("a", "b");
    }

    @Test
    void aDeletionOlderThanTheStoredDocumentIsIgnored() {
        store.recordChange(assess(bucket("b", "2026-03-04T12:00:00Z", Block.PARTIAL)));
        ChangeSummary old = store.recordChange(assess(deletedBucket("b", ACCOUNT, "2026-03-04T11:00:00Z")));
        assertThat(old.stale()).isEqualTo(1);
        assertThat(old.resolved()).isZero();
        assertThat(get(bucketKey("b")).state()).isEqualTo(StoredFinding.OPEN);
        assertThat(liveBuckets()).containsExactly("b");
    }

    @Test
    void aFinishedScanResolvesWhatItNoLongerSees() {
        store.recordScan(scan("s1", "2026-03-04T11:00:00Z", MAIN), assess(bucket("a", "2026-03-04T10:00:00Z", Block.ALL),
                bucket("b", "2026-03-04T10:00:00Z", Block.PARTIAL), bucket("c", "2026-03-04T10:00:00Z", Block.NONE)),
                at("2026-03-04T11:05:00Z"));
        // the next scan sees a and b unchanged (same capture time) and no longer c
        ScanSummary s2 = store.recordScan(scan("s2", "2026-03-05T11:00:00Z", MAIN),
                assess(bucket("a", "2026-03-04T10:00:00Z", Block.ALL), bucket("b", "2026-03-04T10:00:00Z", Block.PARTIAL)),
                at("2026-03-05T11:05:00Z"));

        assertThat(s2.notSeen()).isEqualTo(1);
        assertThat(s2.resolved()).isEqualTo(1);
        StoredFinding c = get(bucketKey("c"));
        assertThat(c.state()).isEqualTo(StoredFinding.RESOLVED);
        assertThat(c.resolution()).isEqualTo(StoredFinding.NOT_SEEN);
        assertThat(c.resolvedAt()).isEqualTo(at("2026-03-05T11:05:00Z"));
        assertThat(store.history(bucketKey("c")).get(1).scanId()).isEqualTo("s2");
        assertThat(get(bucketKey("b")).state()).as("unchanged documents are still seen").isEqualTo(StoredFinding.OPEN);
        assertThat(get(bucketKey("b")).lastScanId()).isEqualTo("s2");
        assertThat(get(bucketKey("a")).lastSeen()).isEqualTo(at("2026-03-05T11:00:00Z"));
        assertThat(liveBuckets()).containsExactly("a", "b");
    }

    @Test
    void anUnfinishedScanResolvesNothing() {
        store.recordScan(scan("s1", "2026-03-04T11:00:00Z", MAIN), assess(bucket("b", "2026-03-04T10:00:00Z", Block.PARTIAL),
                bucket("c", "2026-03-04T10:00:00Z", Block.NONE)), at("2026-03-04T11:05:00Z"));
        store.beginScan(scan("s2", "2026-03-05T11:00:00Z", MAIN));
        store.recordScanPart("s2", assess(bucket("b", "2026-03-04T10:00:00Z", Block.PARTIAL)));

        assertThat(get(bucketKey("c")).state()).isEqualTo(StoredFinding.OPEN);
        assertThat(liveBuckets()).containsExactly("b", "c");
        Scan running = store.scan("s2").orElseThrow();
        assertThat(running.state()).isEqualTo("RUNNING");
        assertThat(running.finishedAt()).isNull();
        assertThatThrownBy(() -> store.delta("s1", "s2")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("s2 is not finished");
    }

    @Test
    void aScanResolvesOnlyInsideItsScopes() {
        store.recordScan(scan("s1", "2026-03-04T11:00:00Z", MAIN, new ScanScope(Provider.AWS, OTHER_ACCOUNT, null)),
                assess(bucket("x", ACCOUNT, "us-east-1", "2026-03-04T10:00:00Z", Block.PARTIAL),
                        bucket("y", ACCOUNT, "eu-west-1", "2026-03-04T10:00:00Z", Block.PARTIAL),
                        bucket("z", OTHER_ACCOUNT, "us-east-1", "2026-03-04T10:00:00Z", Block.PARTIAL)),
                at("2026-03-04T11:05:00Z"));
        ScanSummary regional = store.recordScan(scan("s2", "2026-03-05T11:00:00Z",
                new ScanScope(Provider.AWS, ACCOUNT, "US-EAST-1")), assess(), at("2026-03-05T11:05:00Z"));

        assertThat(regional.notSeen()).isEqualTo(1);
        assertThat(get(bucketKey("x")).resolution()).isEqualTo(StoredFinding.NOT_SEEN);
        assertThat(get(bucketKey("y")).state()).isEqualTo(StoredFinding.OPEN);
        assertThat(get(bucketKey("z")).state()).isEqualTo(StoredFinding.OPEN);
        assertThat(get(accountKey(ACCOUNT)).state()).as("global, outside the region").isEqualTo(StoredFinding.OPEN);
        assertThat(liveBuckets()).containsExactly("y");
    }

    @Test
    void anEventNewerThanAScanStartSurvivesItsFinish() {
        store.recordScan(scan("s1", "2026-03-04T11:00:00Z", MAIN), assess(bucket("a", "2026-03-04T10:00:00Z", Block.ALL)),
                at("2026-03-04T11:05:00Z"));
        store.beginScan(scan("s2", "2026-03-05T11:00:00Z", MAIN));
        store.recordScanPart("s2", assess(bucket("a", "2026-03-04T10:00:00Z", Block.ALL)));
        // created while the scan was listing: the scan's listing could not have seen it
        store.recordChange(assess(store.inventory(), bucket("n", "2026-03-05T11:02:00Z", Block.PARTIAL)));
        ScanSummary s2 = store.finishScan("s2", at("2026-03-05T11:05:00Z"));

        assertThat(s2.notSeen()).isZero();
        assertThat(get(bucketKey("n")).state()).isEqualTo(StoredFinding.OPEN);
        assertThat(liveBuckets()).containsExactly("a", "n");
    }

    @Test
    void aResourceMissedByOneScanComesBackWithTheNext() {
        Resource b = bucket("b", "2026-03-04T10:00:00Z", Block.PARTIAL);
        store.recordScan(scan("s1", "2026-03-04T11:00:00Z", MAIN), assess(b), at("2026-03-04T11:05:00Z"));
        store.recordScan(scan("s2", "2026-03-05T11:00:00Z", MAIN), assess(), at("2026-03-05T11:05:00Z"));
        assertThat(get(bucketKey("b")).resolution()).isEqualTo(StoredFinding.NOT_SEEN);
        assertThat(liveBuckets()).isEmpty();

        ScanSummary s3 = store.recordScan(scan("s3", "2026-03-06T11:00:00Z", MAIN), assess(b), at("2026-03-06T11:05:00Z"));

        assertThat(s3.reopened()).isEqualTo(2); // the bucket and the account
        assertThat(get(bucketKey("b")).state()).isEqualTo(StoredFinding.OPEN);
        assertThat(get(bucketKey("b")).reopenCount()).isEqualTo(1);
        assertThat(liveBuckets()).containsExactly("b");
    }

    @Test
    void partsOfUnknownOrFinishedScansAreRejected() {
        Assessment part = assess(bucket("b", "2026-03-04T10:00:00Z", Block.PARTIAL));
        assertThatThrownBy(() -> store.recordScanPart("nope", part)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown scan nope");
        assertThatThrownBy(() -> store.finishScan("nope", Instant.now())).isInstanceOf(IllegalArgumentException.class);
        store.recordScan(scan("s1", "2026-03-04T11:00:00Z", MAIN), part, at("2026-03-04T11:05:00Z"));
        assertThatThrownBy(() -> store.recordScanPart("s1", part)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already finished");
        assertThatThrownBy(() -> store.beginScan(Scan.running("s9", List.of(new ScanScope(Provider.AWS, "", null)),
                "test", Instant.now()))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s9");
    }

    @Test
    void scansAreListedNewestFirstWithTheirScopes() {
        ScanScope regional = new ScanScope(Provider.AWS, OTHER_ACCOUNT, "eu-west-1");
        store.recordScan(scan("s1", "2026-03-04T10:00:00Z", MAIN, regional), assess(), at("2026-03-04T10:05:00Z"));
        store.recordScan(scan("s2", "2026-03-04T11:00:00Z", MAIN), assess(), at("2026-03-04T11:05:00Z"));
        store.beginScan(scan("s3", "2026-03-04T12:00:00Z", MAIN));

        assertThat(store.scans(2)).extracting(Scan::id).containsExactly("s3", "s2");
        Scan s1 = store.scan("s1").orElseThrow();
        assertThat(s1.state()).isEqualTo("COMPLETE");
        assertThat(s1.trigger()).isEqualTo("test");
        assertThat(s1.startedAt()).isEqualTo(at("2026-03-04T10:00:00Z"));
        assertThat(s1.finishedAt()).isEqualTo(at("2026-03-04T10:05:00Z"));
        assertThat(s1.scopes()).containsExactlyInAnyOrder(MAIN, regional);
        assertThat(store.scan("missing")).isEmpty();
    }

    @Test
    void scoreHistoryKeepsTheLatestScoreOfEachDay() {
        store.recordScores("s1", at("2026-03-04T08:00:00Z"), List.of(overall(5, 10), aws(null)));
        store.recordScores("s2", at("2026-03-04T20:00:00Z"), List.of(overall(6, 10)));
        store.recordScores("s3", at("2026-03-05T09:00:00Z"), List.of(overall(7, 10)));
        store.recordScores("s0", at("2026-03-04T06:00:00Z"), List.of(overall(4, 10))); // an older scan, late
        store.recordScores("s2", at("2026-03-04T20:00:00Z"), List.of(overall(6, 10))); // again: idempotent

        List<ScoreSnapshot> days = store.dailyScores("overall", "", at("2026-03-01T00:00:00Z"), at("2026-03-31T00:00:00Z"));
        assertThat(days).containsExactly(new ScoreSnapshot("overall", "", 6, 10, 60.0, at("2026-03-04T20:00:00Z")),
                new ScoreSnapshot("overall", "", 7, 10, 70.0, at("2026-03-05T09:00:00Z")));
        assertThat(store.dailyScores("overall", "", at("2026-03-05T00:00:00Z"), at("2026-03-06T00:00:00Z")))
                .extracting(ScoreSnapshot::score).containsExactly(7.0);
        assertThat(store.dailyScores("provider", "aws", null, null)).singleElement()
                .satisfies(s -> assertThat(s.percent()).as("nothing assessed").isNull());
    }

    private static ScoreSnapshot overall(double score, double max) {
        return new ScoreSnapshot("overall", "", score, max, score / max * 100, null);
    }

    private static ScoreSnapshot aws(Double percent) {
        return new ScoreSnapshot("provider", "aws", 0, 0, percent, null);
    }

    @Test
    void deltaNamesNewFixedAndStillFailingFindings() {
        store.recordScan(scan("s1", "2026-03-04T11:00:00Z", MAIN), assess(bucket("a", "2026-03-04T10:00:00Z", Block.PARTIAL),
                bucket("b", "2026-03-04T10:00:00Z", Block.PARTIAL), bucket("c", "2026-03-04T10:00:00Z", Block.ALL)),
                at("2026-03-04T11:05:00Z"));
        store.recordScan(scan("s2", "2026-03-05T11:00:00Z", MAIN), assess(bucket("a", "2026-03-05T10:00:00Z", Block.ALL),
                bucket("b", "2026-03-04T10:00:00Z", Block.PARTIAL), bucket("c", "2026-03-05T10:00:00Z", Block.PARTIAL),
                bucket("d", "2026-03-05T10:00:00Z", Block.NONE)), at("2026-03-05T11:05:00Z"));

        Delta delta = store.delta("s1", "s2");
        assertThat(delta.newFailures()).extracting(StoredFinding::key).containsExactly(bucketKey("c"), bucketKey("d"));
        assertThat(delta.fixed()).extracting(StoredFinding::key).containsExactly(bucketKey("a"));
        assertThat(delta.stillFailing()).extracting(StoredFinding::key).containsExactly(accountKey(ACCOUNT), bucketKey("b"));

        Delta sinceStart = store.delta(null, "s1");
        assertThat(sinceStart.newFailures()).extracting(StoredFinding::key)
                .containsExactly(accountKey(ACCOUNT), bucketKey("a"), bucketKey("b"));
        assertThat(sinceStart.fixed()).isEmpty();

        store.recordScan(scan("s3", "2026-03-06T11:00:00Z", new ScanScope(Provider.AWS, OTHER_ACCOUNT, null)), assess(),
                at("2026-03-06T11:05:00Z"));
        Delta elsewhere = store.delta("s2", "s3");
        assertThat(elsewhere.fixed()).as("s3 did not look at the main account").isEmpty();
        assertThat(elsewhere.newFailures()).isEmpty();
    }

    @Test
    void retentionDeletesOldResolvedFindingsScoresAndScans() {
        store.recordScan(scan("jan", "2026-01-04T11:00:00Z", MAIN), assess(bucket("a", "2026-01-04T10:00:00Z", Block.PARTIAL),
                bucket("b", "2026-01-04T10:00:00Z", Block.PARTIAL)), at("2026-01-04T11:05:00Z"));
        store.recordChange(assess(deletedBucket("b", ACCOUNT, "2026-01-10T00:00:00Z")));
        store.recordScores("jan", at("2026-01-04T11:05:00Z"), List.of(overall(5, 10)));
        store.recordScan(scan("mar", "2026-03-04T11:00:00Z", MAIN), assess(bucket("a", "2026-01-04T10:00:00Z", Block.PARTIAL)),
                at("2026-03-04T11:05:00Z"));
        store.recordScores("mar", at("2026-03-04T11:05:00Z"), List.of(overall(6, 10)));

        int deleted = store.applyRetention(at("2026-02-01T00:00:00Z"));

        // finding b + its 2 history rows, b's tombstone, one score + one daily score, scan jan + its scope + its
        // 3 failure rows (a, b and the account)
        assertThat(deleted).isEqualTo(1 + 2 + 1 + 2 + 1 + 1 + 3);
        assertThat(stored(bucketKey("b"))).isEmpty();
        assertThat(store.history(bucketKey("b"))).isEmpty();
        assertThat(get(bucketKey("a")).state()).isEqualTo(StoredFinding.OPEN);
        assertThat(store.history(bucketKey("a"))).hasSize(1);
        assertThat(store.dailyScores("overall", "", null, null)).extracting(ScoreSnapshot::score).containsExactly(6.0);
        assertThat(store.scans(10)).extracting(Scan::id).containsExactly("mar");
        assertThat(store.applyRetention(at("2026-02-01T00:00:00Z"))).isZero();
    }

    @Test
    void publishedReportsAreRecordedOnceAndListedNewestFirst() {
        PublishedReport first = new PublishedReport("s3://reports/parapet/2026/03/04/20260304T110500Z/",
                at("2026-03-04T11:05:00Z"), at("2026-03-04T11:05:02Z"), List.of("s1", "s0"),
                List.of(new PublishedReport.File("html", "parapet/2026/03/04/20260304T110500Z/report.html",
                                "parapet/latest/report.html", 5120),
                        new PublishedReport.File("json", "parapet/2026/03/04/20260304T110500Z/report.json",
                                "parapet/latest/report.json", 2048)));
        PublishedReport second = new PublishedReport("s3://reports/parapet/2026/03/05/20260305T110500Z/",
                at("2026-03-05T11:05:00Z"), at("2026-03-05T11:05:01Z"), List.of("s2"),
                List.of(new PublishedReport.File("csv", "parapet/2026/03/05/20260305T110500Z/findings.csv",
                        "parapet/latest/findings.csv", 0)));
        store.recordReport(first);
        store.recordReport(second);
        // a retried invocation records the same publication again: the first record stays
        store.recordReport(new PublishedReport(first.id(), first.generatedAt(), at("2026-03-09T00:00:00Z"),
                List.of("other"), List.of()));

        List<PublishedReport> reports = store.reports(10);
        assertThat(reports).extracting(PublishedReport::id).containsExactly(second.id(), first.id());
        PublishedReport read = reports.get(1);
        assertThat(read.generatedAt()).isEqualTo(first.generatedAt());
        assertThat(read.publishedAt()).isEqualTo(first.publishedAt());
        assertThat(read.scanIds()).containsExactly("s0", "s1");
        assertThat(read.files()).containsExactlyElementsOf(first.files());
        assertThat(reports.get(0)).isEqualTo(second);
        assertThat(store.reports(1)).extracting(PublishedReport::id).containsExactly(second.id());
        try (Store again = Stores.open(url)) {
            assertThat(again.reports(10)).hasSize(2);
        }
    }

    @Test
    void theInventoryServesRelatedDocumentsToEventAssessments() {
        Resource trail = Docs.trail("main", ACCOUNT, "2026-03-04T10:00:00Z", true);
        store.recordScan(scan("s1", "2026-03-04T11:00:00Z", MAIN), assess(trail, bucket("a", "2026-03-04T10:00:00Z", Block.ALL)),
                at("2026-03-04T11:05:00Z"));
        assertThat(get(accountKey(ACCOUNT)).state()).isEqualTo(StoredFinding.PASSING);
        List<Resource> trails = store.inventory().find(Provider.AWS, ACCOUNT, "us-east-1", "aws::cloudtrail::trail");
        assertThat(trails).singleElement().satisfies(r -> {
            assertThat(r.document()).isEqualTo(trail.document());
            assertThat(r.ref()).isEqualTo(trail.ref());
            assertThat(r.tags()).isEqualTo(trail.tags());
            assertThat(r.observedAt()).isEqualTo(trail.observedAt());
        });

        // the trail stops being multi-region: the event handler re-assesses the account, whose stored document it
        // finds in the inventory, with the trails the inventory holds
        ChangeAssessor.Result change = new ChangeAssessor(Docs.ENGINE)
                .assess(List.of(Docs.trail("main", ACCOUNT, "2026-03-05T10:00:00Z", false)), store);

        assertThat(change.assessment().findings()).extracting(f -> f.resource().type())
                .containsExactly(AccountResources.AWS_ACCOUNT);
        assertThat(change.stored().opened()).isEqualTo(1);
        StoredFinding account = get(accountKey(ACCOUNT));
        assertThat(account.state()).isEqualTo(StoredFinding.OPEN);
        assertThat(account.finding().evidence()).containsEntry("trails", List.of("main"));
    }

    @Test
    void theInventoryFindsChildrenByIdPrefixIgnoringCase() {
        String sub = "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg_1/providers/";
        String account = sub + "Microsoft.Storage/storageAccounts/st1";
        Resource parent = Docs.arm(account, "Microsoft.Storage/storageAccounts", "westeurope");
        Resource child = Docs.arm(account + "/blobServices/default", "Microsoft.Storage/storageAccounts/blobServices", "westeurope");
        Resource otherGroup = Docs.arm(account.replace("rg_1", "rgX1") + "/blobServices/default",
                "Microsoft.Storage/storageAccounts/blobServices", "westeurope");
        Resource longerName = Docs.arm(account + "0/blobServices/default", "Microsoft.Storage/storageAccounts/blobServices",
                "westeurope");
        store.recordChange(assess(parent, child, otherGroup, longerName));

        List<Resource> children = store.inventory().children(Provider.AZURE, account.toUpperCase(),
                "microsoft.storage/storageaccounts/blobservices");
        assertThat(children).extracting(Resource::id).containsExactly(child.id());
        assertThat(store.inventory().find(Provider.AZURE, "0B1F6471-1BF0-4DDA-AEC3-CB9272F09590", "WestEurope",
                "Microsoft.Storage/storageAccounts")).extracting(Resource::id).containsExactly(parent.id());
        assertThat(store.inventory().children(Provider.AWS, account, "Microsoft.Storage/storageAccounts/blobServices"))
                .isEmpty();
    }

    /** Several accounts scanned at once, each twice; the second scans no longer see a third of the buckets. */
    @Test
    void parallelScansOfDifferentScopesDoNotInterfere() throws Exception {
        int accounts = 6;
        int buckets = 30;
        try (Store other = Stores.open(url)) {
            List<Store> stores = List.of(store, other);
            for (int round = 1; round <= 2; round++) {
                int r = round;
                Concurrently.run(accounts, i -> {
                    String account = String.format("%012d", 100 + i);
                    Store s = stores.get(i % 2);
                    String id = "scan-" + account + "-" + r;
                    s.beginScan(Scan.running(id, List.of(new ScanScope(Provider.AWS, account, null)), "test",
                            at("2026-03-0" + (3 + r) + "T11:00:00Z")));
                    List<Resource> batch = new ArrayList<>();
                    for (int b = 0; b < buckets; b++) {
                        if (r == 1 || b % 3 != 0) {
                            batch.add(bucket(account + "-b" + b, account, "us-east-1", "2026-03-04T10:00:00Z",
                                    b % 2 == 0 ? Block.PARTIAL : Block.ALL));
                        }
                    }
                    for (int from = 0; from < batch.size(); from += 7) {
                        s.recordScanPart(id, assess(batch.subList(from, Math.min(batch.size(), from + 7)).toArray(Resource[]::new)));
                    }
                    s.finishScan(id, at("2026-03-0" + (3 + r) + "T11:05:00Z"));
                });
            }
        }
        for (int i = 0; i < accounts; i++) {
            String account = String.format("%012d", 100 + i);
            ScanSummary second = ((JdbcStore) store).scanSummary("scan-" + account + "-2").orElseThrow();
            assertThat(second.notSeen()).as(account).isEqualTo(10);
            assertThat(second.resolved()).as("failing buckets among those missing: b0, b6, ..., b24").isEqualTo(5);
            List<StoredFinding> current = store.findings(new FindingFilter(Provider.AWS, account, BUCKET_RULE, null, false));
            assertThat(current).as(account).hasSize(20);
            assertThat(current.stream().filter(f -> f.state().equals(StoredFinding.OPEN))).hasSize(10);
        }
    }

    /**
     * Two writers (separate pools, as two processes) race on one bucket, each with its own shuffled share of the
     * documents. Whatever the interleaving, the newest document wins and every transition is counted exactly once.
     */
    @Test
    void racingWritersOnOneFindingEndInTheNewestState() throws Exception {
        race(true);
        assertThat(store.inventory().find(Provider.AWS, ACCOUNT, null, "AWS::S3::Bucket")).singleElement()
                .satisfies(r -> assertThat(r.observedAt()).isEqualTo(get(bucketKey("b")).finding().observedAt()));
    }

    /**
     * The same race with findings only (no inventory rows, whose locks would otherwise serialize the writers):
     * only the row version keeps a decision made on a stale read from being written.
     */
    @Test
    void racingFindingOnlyWritesAreGuardedByTheRowVersion() throws Exception {
        race(false);
        assertThat(liveBuckets()).isEmpty();
    }

    private void race(boolean withDocuments) throws Exception {
        int perWriter = 30;
        List<ChangeSummary> summaries = java.util.Collections.synchronizedList(new ArrayList<>());
        try (Store other = Stores.open(url)) {
            List<Store> stores = List.of(store, other);
            Concurrently.run(2, w -> {
                List<Integer> minutes = new ArrayList<>();
                for (int k = 0; k < perWriter; k++) {
                    minutes.add(2 * k + w);
                }
                java.util.Collections.shuffle(minutes, new java.util.Random(42 + w));
                for (int m : minutes) {
                    Block block = m % 3 == 0 ? Block.ALL : Block.PARTIAL;
                    String time = Instant.parse("2026-03-04T10:00:00Z").plusSeconds(60L * m).toString();
                    Assessment a = assess(bucket("b", time, block));
                    summaries.add(stores.get(w).recordChange(withDocuments ? a
                            : new Assessment(a.findings(), List.of(), List.of(), a.evaluations())));
                }
            });
        }
        int last = 2 * perWriter - 1;
        StoredFinding b = get(bucketKey("b"));
        assertThat(b.finding().observedAt()).isEqualTo(at("2026-03-04T10:00:00Z").plusSeconds(60L * last));
        assertThat(b.finding().status()).isEqualTo(last % 3 == 0 ? Status.PASS : Status.FAIL);

        List<String> states = states(bucketKey("b"));
        for (int i = 1; i < states.size(); i++) {
            assertThat(states.get(i)).as("history entry %d repeats the state before it", i).isNotEqualTo(states.get(i - 1));
        }
        assertThat(states.get(states.size() - 1)).isEqualTo(b.state());
        long opens = states.stream().filter(StoredFinding.OPEN::equals).count();
        long resolutions = states.stream().filter(StoredFinding.RESOLVED::equals).count();
        // the stand-in account document fails the trail rule once, whoever writes it first
        assertThat(states(accountKey(ACCOUNT))).containsExactly(StoredFinding.OPEN);
        assertThat(summaries.stream().mapToInt(s -> s.opened() + s.reopened()).sum()).isEqualTo((int) opens + 1);
        assertThat(summaries.stream().mapToInt(ChangeSummary::resolved).sum()).isEqualTo((int) resolutions);
        assertThat(b.reopenCount()).isEqualTo(summaries.stream().mapToInt(ChangeSummary::reopened).sum())
                .isEqualTo((int) opens - 1);
    }

    @Test
    void theBenchmarkHookWritesAndTimesFindings() {
        StoreBench.Result result = StoreBench.run(store, 200, 50);
        assertThat(result.findings()).isEqualTo(200);
        assertThat(result.insertsPerSecond()).isPositive();
        assertThat(result.updatesPerSecond()).isPositive();
        assertThat(store.findings(new FindingFilter(Provider.AWS, null, "bench-rule-0", null, false))).hasSize(50);
        assertThat(result.readScope()).isPositive();
        // (i + rule) even fails in the first scan, so after the flip half of each control's buckets pass
        assertThat(result.percent()).isEqualTo(50.0);
    }
}
