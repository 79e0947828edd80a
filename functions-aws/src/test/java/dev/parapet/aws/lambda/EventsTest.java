package dev.parapet.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.parapet.aws.Estate;
import dev.parapet.aws.ConfigApiStub;
import dev.parapet.aws.Moto;
import dev.parapet.aws.sdk.AwsClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import dev.parapet.core.model.Status;
import dev.parapet.core.store.FindingFilter;
import dev.parapet.core.store.Store;
import dev.parapet.core.store.StoredFinding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Event-driven assessment with real-format EventBridge and SQS events, handlers in-process, a SQLite store. */
class EventsTest {
    static final String SSH_RULE = "aws-ec2-sg-ssh-open-to-internet";
    static final String SG = "sg-0c4f1e8a9b2d3e5f6";

    @TempDir
    Path dir;
    Functions f;

    @BeforeEach
    void setUp() {
        Moto.reset();
        f = new Functions(dir, Estate.EAST);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private String deliver(String file) {
        return Functions.invoke(new EventHandler(f.container), Functions.event(file));
    }

    private List<StoredFinding> all() {
        return f.container.store().findings(new FindingFilter(null, null, null, null, true));
    }

    /** Every finding with its lifecycle. */
    private List<String> lifecycle() {
        return all().stream().map(s -> s.key() + " " + s.finding().status() + " " + s.state() + " " + s.resolution()
                + " " + s.finding().observedAt() + " " + s.finding().evidence()).sorted().toList();
    }

    /** What is true now: per finding, its status, evidence, observation time and whether it is failing (open). */
    private List<String> current() {
        return all().stream().map(s -> s.key() + " " + s.finding().status() + " open=" + "OPEN".equals(s.state())
                + " " + s.finding().observedAt() + " " + s.finding().evidence()).sorted().toList();
    }

    @Test
    void configChangesOpenAndResolveFindingsAndDeletionResolvesThem() {
        deliver("config-change-sg-open.json");
        StoredFinding open = ScheduledScanTest.finding(all(), SSH_RULE, SG);
        assertThat(open.finding().status()).isEqualTo(Status.FAIL);
        assertThat(open.state()).isEqualTo("OPEN");
        deliver("config-change-sg-office.json");
        StoredFinding fixed = ScheduledScanTest.finding(all(), SSH_RULE, SG);
        assertThat(fixed.finding().status()).isEqualTo(Status.PASS);
        assertThat(fixed.state()).isEqualTo("RESOLVED");
        assertThat(fixed.resolution()).isEqualTo("PASSED");
        deliver("config-change-sg-deleted.json");
        assertThat(f.container.store().findings(FindingFilter.CURRENT))
                .noneMatch(s -> s.finding().resource().id().contains(SG));
    }

    @Test
    void duplicatesChangeNothing() {
        deliver("config-change-sg-open.json");
        deliver("config-change-sg-office.json");
        List<String> ordered = lifecycle();
        deliver("config-change-sg-office.json");
        deliver("config-change-sg-open.json");
        deliver("config-change-sg-office.json");
        assertThat(lifecycle()).isEqualTo(ordered);
    }

    @Test
    void outOfOrderDeliveryEndsInTheOrderedState() {
        deliver("config-change-sg-open.json");
        deliver("config-change-sg-office.json");
        List<String> ordered = current();
        f.close();
        Moto.reset();
        f = new Functions(dir.resolve("second"), Estate.EAST);
        deliver("config-change-sg-office.json");
        deliver("config-change-sg-open.json"); // older capture: must not roll the finding back
        // Same current state; only the history differs: the stale failure was never seen as open.
        assertThat(current()).isEqualTo(ordered);
    }

    @Test
    void oversizedNotificationFetchesTheItemFromConfigHistory() throws Exception {
        // moto's config history timestamps are not the API's epoch numbers: a stub serves the real format
        try (ConfigApiStub stub = new ConfigApiStub(ConfigApiStub.fromFiles(
                Map.of("GetResourceConfigHistory", "GetResourceConfigHistory-bucket.json")))) {
            f.close();
            f = new Functions(dir.resolve("stub"), Estate.EAST, AwsClients.create(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("k", "s")), stub.endpoint()), stub.endpoint().toString());
            String out = deliver("config-oversized-bucket.json");
            assertThat(out).contains("\"assessed\":1");
            StoredFinding acl = ScheduledScanTest.finding(all(), "aws-s3-bucket-acl-no-public-grants", Estate.PUBLIC_BUCKET);
            assertThat(acl.finding().status()).isEqualTo(Status.FAIL);
            assertThat(acl.finding().observedAt()).isEqualTo(java.time.Instant.parse("2026-11-28T10:20:41.902Z"));
            assertThat(stub.calls()).extracting(ConfigApiStub.Call::body)
                    .anyMatch(b -> b.contains("parapet-test-public-assets") && b.contains("AWS::S3::Bucket"));
        }
    }

    @Test
    void cloudTrailWritesReReadTheTouchedGroup() {
        var ec2 = f.aws.ec2(Estate.EAST);
        String group = ec2.createSecurityGroup(r -> r.groupName("bastion").description("bastion hosts")).groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(p -> p.ipProtocol("tcp").fromPort(22)
                .toPort(22).ipRanges(x -> x.cidrIp("0.0.0.0/0"))));
        Functions.invoke(new EventHandler(f.container), ct("cloudtrail-authorize-ingress.json", group));
        assertThat(ScheduledScanTest.status(all(), SSH_RULE, group)).isEqualTo(Status.FAIL);

        ec2.revokeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(p -> p.ipProtocol("tcp").fromPort(22)
                .toPort(22).ipRanges(x -> x.cidrIp("0.0.0.0/0"))));
        Functions.invoke(new EventHandler(f.container), ct("cloudtrail-revoke-ingress.json", group));
        assertThat(ScheduledScanTest.finding(all(), SSH_RULE, group).state()).isEqualTo("RESOLVED");

        ec2.deleteSecurityGroup(r -> r.groupId(group));
        Functions.invoke(new EventHandler(f.container), ct("cloudtrail-delete-sg.json", group));
        assertThat(f.container.store().findings(FindingFilter.CURRENT))
                .noneMatch(s -> s.finding().resource().id().contains(group));

        String readOnly = Functions.invoke(new EventHandler(f.container), Functions.event("cloudtrail-describe-readonly.json"));
        assertThat(readOnly).contains("\"ignored\":\"read-only call\"");
    }

    @Test
    void sqsBatchReportsOnlyTheMalformedMessage() {
        SQSEvent event = EventLoader.loadSQSEvent("events/sqs-events-one-malformed.json");
        SQSBatchResponse response = new EventQueueHandler(f.container).handleRequest(event, new TestContext("parapet-events"));
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("2e1424d4-f796-459a-8184-9c92662be6da");
        StoredFinding written = ScheduledScanTest.finding(all(), SSH_RULE, SG);
        assertThat(written.finding().status()).isEqualTo(Status.PASS); // both good messages were written, newest wins
        assertThat(written.state()).isEqualTo("RESOLVED");
    }

    @Test
    void notAnEventIsAClearError() {
        assertThatThrownBy(() -> Functions.invoke(new EventHandler(f.container),
                "{\"detail-type\":\"Something Else\",\"detail\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported detail-type 'Something Else'");
        Store store = f.container.store();
        assertThat(store.findings(FindingFilter.CURRENT)).isEmpty();
    }

    /** A CloudTrail event about {@code group}, happening now (after the state the collector last read). */
    private static byte[] ct(String file, String group) {
        String now = java.time.Instant.now().toString();
        return Functions.eventText(file).replace("GROUP_ID", group)
                .replaceAll("\"(eventTime|time)\": \"[^\"]+\"", "\"$1\": \"" + now + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }
}
