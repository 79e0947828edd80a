package dev.parapet.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.parapet.aws.Estate;
import dev.parapet.aws.Moto;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Status;
import dev.parapet.core.report.ReportFormat;
import dev.parapet.core.store.FindingFilter;
import dev.parapet.core.store.PublishedReport;
import dev.parapet.core.store.Scan;
import dev.parapet.core.store.Store;
import dev.parapet.core.store.StoredFinding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled assessment end to end: schedule event → parts on the (moto) work queue → worker invocations with
 * real SQS events → a SQLite store. The scan completes only when the last part reported.
 */
class ScheduledScanTest {
    static final String REPORTS = "parapet-reports";
    @TempDir
    Path dir;
    Functions f;
    Estate estate;

    @BeforeEach
    void setUp() {
        Moto.reset();
        f = new Functions(dir, Estate.EAST + "," + Estate.WEST);
        estate = Estate.build(f.aws);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private List<SQSEvent.SQSMessage> drain() {
        List<SQSEvent.SQSMessage> out = new ArrayList<>();
        var sqs = f.aws.sqs("us-east-1");
        while (true) {
            List<Message> got = sqs.receiveMessage(r -> r.queueUrl(f.queueUrl).maxNumberOfMessages(10)
                    .attributeNamesWithStrings("All")).messages();
            if (got.isEmpty()) {
                return out;
            }
            for (Message m : got) {
                SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
                message.setMessageId(m.messageId());
                message.setReceiptHandle(m.receiptHandle());
                message.setBody(m.body());
                message.setAttributes(m.attributesAsStrings());
                message.setEventSource("aws:sqs");
                message.setEventSourceArn("arn:aws:sqs:us-east-1:" + Moto.ACCOUNT + ":parapet-scan-parts");
                message.setAwsRegion("us-east-1");
                out.add(message);
                sqs.deleteMessage(r -> r.queueUrl(f.queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    private SQSBatchResponse work(List<SQSEvent.SQSMessage> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return new ScanWorkerHandler(f.container).handleRequest(event, new TestContext("parapet-scan-worker"));
    }

    @Test
    void fanOutScanCompletesWhenTheLastPartReports() throws Exception {
        String started = Functions.invoke(new ScheduleHandler(f.container), Functions.event("scheduled.json"));
        var scans = Json.MAPPER.readTree(started).get("scans");
        assertThat(scans).hasSize(1);
        String scanId = scans.get(0).get("scanId").asText();
        int parts = scans.get(0).get("parts").asInt();
        List<SQSEvent.SQSMessage> messages = drain();
        assertThat(messages).hasSize(parts);
        assertThat(parts).isGreaterThan(2);

        Store store = f.container.store();
        SQSEvent.SQSMessage last = messages.remove(messages.size() - 1);
        for (int i = 0; i < messages.size(); i += 10) {
            assertThat(work(messages.subList(i, Math.min(messages.size(), i + 10))).getBatchItemFailures()).isEmpty();
        }
        assertThat(store.scan(scanId)).map(Scan::state).contains("RUNNING");

        // the same schedule event again (EventBridge retries): same scan, nothing new to finish
        String again = Functions.invoke(new ScheduleHandler(f.container), Functions.event("scheduled.json"));
        assertThat(Json.MAPPER.readTree(again).get("scans").get(0).get("scanId").asText()).isEqualTo(scanId);
        drain();

        assertThat(work(List.of(last)).getBatchItemFailures()).isEmpty();
        assertThat(store.scan(scanId)).map(Scan::state).contains("COMPLETE");
        // a late redelivery of a part of the finished scan is skipped, not an error
        assertThat(work(List.of(messages.get(0))).getBatchItemFailures()).isEmpty();

        List<StoredFinding> current = store.findings(FindingFilter.CURRENT);
        assertThat(status(current, "aws-ec2-sg-ssh-open-to-internet", estate.sshOpenGroup)).isEqualTo(Status.FAIL);
        assertThat(status(current, "aws-ec2-sg-ssh-open-to-internet", estate.webGroup)).isEqualTo(Status.PASS);
        assertThat(status(current, "aws-s3-bucket-public-access-block", Estate.PUBLIC_BUCKET)).isEqualTo(Status.FAIL);
        assertThat(status(current, "aws-iam-user-console-mfa", Estate.USER_NO_MFA)).isEqualTo(Status.FAIL);
        assertThat(status(current, "aws-iam-password-policy-length", Moto.ACCOUNT)).isEqualTo(Status.FAIL);
        assertThat(status(current, "aws-kms-key-rotation", estate.rotatedKey)).isEqualTo(Status.PASS);
        // one account item only: the regional parts added no stand-ins
        assertThat(current).filteredOn(s -> s.finding().resource().type().equals("AWS::::Account"))
                .extracting(s -> s.finding().resource().id()).containsOnly(Moto.ACCOUNT);
        var score = store.dailyScores("account", "aws:" + Moto.ACCOUNT, Instant.EPOCH, Instant.now().plusSeconds(60));
        assertThat(score).isNotEmpty();
        assertThat(score.get(score.size() - 1).percent()).isBetween(0.0, 100.0);
    }

    @Test
    void fixedAndGoneResourcesResolveAtTheNextCompleteScan() throws Exception {
        runScanFile("scheduled.json");
        Store store = f.container.store();
        assertThat(status(store.findings(FindingFilter.CURRENT), "aws-ec2-sg-ssh-open-to-internet", estate.sshOpenGroup))
                .isEqualTo(Status.FAIL);
        f.aws.ec2(Estate.EAST).revokeSecurityGroupIngress(r -> r.groupId(estate.sshOpenGroup).ipPermissions(p -> p
                .ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(x -> x.cidrIp("0.0.0.0/0"))));
        f.aws.ec2(Estate.EAST).deleteVolume(r -> r.volumeId(estate.plainVolume));
        String second = Functions.eventText("scheduled.json").replace("53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
                "61e0b1f2-3c4d-4e5f-8a9b-0c1d2e3f4a5b");
        runScan(second);
        List<StoredFinding> all = store.findings(new FindingFilter(null, null, null, null, true));
        StoredFinding ssh = finding(all, "aws-ec2-sg-ssh-open-to-internet", estate.sshOpenGroup);
        assertThat(ssh.finding().status()).isEqualTo(Status.PASS);
        assertThat(ssh.state()).isEqualTo("RESOLVED");
        StoredFinding volume = finding(all, "aws-ec2-volume-encrypted", estate.plainVolume);
        assertThat(volume.state()).isEqualTo("RESOLVED");
        assertThat(volume.resolution()).isEqualTo("NOT_SEEN");
    }

    @Test
    void theScanThatCompletesPublishesItsReportToS3AndRecordsIt() throws Exception {
        f.aws.s3("us-east-1").createBucket(r -> r.bucket(REPORTS));
        f.publishReportsTo(REPORTS, "parapet/reports");
        String started = Functions.invoke(new ScheduleHandler(f.container), Functions.event("scheduled.json"));
        String scanId = Json.MAPPER.readTree(started).get("scans").get(0).get("scanId").asText();
        List<SQSEvent.SQSMessage> messages = drain();
        SQSEvent.SQSMessage last = messages.remove(messages.size() - 1);
        for (int i = 0; i < messages.size(); i += 10) {
            assertThat(work(messages.subList(i, Math.min(messages.size(), i + 10))).getBatchItemFailures()).isEmpty();
        }
        assertThat(objects()).as("no report before the scan completes").isEmpty();
        assertThat(work(List.of(last)).getBatchItemFailures()).isEmpty();

        List<PublishedReport> reports = f.container.store().reports(10);
        assertThat(reports).hasSize(1);
        PublishedReport report = reports.get(0);
        assertThat(report.scanIds()).containsExactly(scanId);
        assertThat(report.id()).matches("s3://" + REPORTS + "/parapet/reports/\\d{4}/\\d{2}/\\d{2}/\\d{8}T\\d{6}Z/");
        String dated = report.id().substring(("s3://" + REPORTS + "/").length());
        List<String> files = List.of("findings.csv", "findings.ocsf.jsonl", "report.html", "report.json");
        List<String> expected = new ArrayList<>();
        files.forEach(name -> expected.add(dated + name));
        files.forEach(name -> expected.add("parapet/reports/latest/" + name));
        assertThat(objects()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(report.files()).extracting(PublishedReport.File::latestKey)
                .containsExactlyInAnyOrder(expected.subList(4, 8).toArray(String[]::new));
        for (PublishedReport.File file : report.files()) {
            byte[] datedBytes = f.aws.s3("us-east-1").getObjectAsBytes(r -> r.bucket(REPORTS).key(file.datedKey())).asByteArray();
            var latest = f.aws.s3("us-east-1").getObjectAsBytes(r -> r.bucket(REPORTS).key(file.latestKey()));
            assertThat(latest.asByteArray()).as(file.latestKey()).isEqualTo(datedBytes);
            assertThat((long) datedBytes.length).isEqualTo(file.bytes()).isPositive();
            assertThat(latest.response().contentType()).isEqualTo(ReportFormat.valueOf(file.format().toUpperCase(java.util.Locale.ROOT)).contentType());
        }
        var json = Json.MAPPER.readTree(f.aws.s3("us-east-1")
                .getObjectAsBytes(r -> r.bucket(REPORTS).key("parapet/reports/latest/report.json")).asByteArray());
        assertThat(json.get("scans").get(0).get("id").asText()).isEqualTo(scanId);
        assertThat(json.get("coverage").get("findings").asInt() + json.get("coverage").get("outOfScope").asInt())
                .isEqualTo(f.container.store().findings(FindingFilter.CURRENT).size());
    }

    @Test
    void aReportThatCannotBePublishedLeavesTheScanComplete() throws Exception {
        f.publishReportsTo("parapet-no-such-bucket", "");
        String started = Functions.invoke(new ScheduleHandler(f.container), Functions.event("scheduled.json"));
        String scanId = Json.MAPPER.readTree(started).get("scans").get(0).get("scanId").asText();
        List<SQSEvent.SQSMessage> messages = drain();
        for (int i = 0; i < messages.size(); i += 10) {
            assertThat(work(messages.subList(i, Math.min(messages.size(), i + 10))).getBatchItemFailures()).isEmpty();
        }
        assertThat(f.container.store().scan(scanId)).map(Scan::state).contains("COMPLETE");
        assertThat(f.container.store().reports(10)).isEmpty();
    }

    private List<String> objects() {
        return f.aws.s3("us-east-1").listObjectsV2Paginator(r -> r.bucket(REPORTS)).contents().stream()
                .map(o -> o.key()).toList();
    }

    private void runScan(String event) {
        runScan(event.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void runScan(byte[] event) {
        Functions.invoke(new ScheduleHandler(f.container), event);
        List<SQSEvent.SQSMessage> messages = drain();
        for (int i = 0; i < messages.size(); i += 10) {
            assertThat(work(messages.subList(i, Math.min(messages.size(), i + 10))).getBatchItemFailures()).isEmpty();
        }
    }

    private void runScanFile(String name) {
        runScan(Functions.event(name));
    }

    static StoredFinding finding(List<StoredFinding> findings, String rule, String idPart) {
        return findings.stream().filter(s -> s.finding().ruleId().equals(rule) && s.finding().resource().id().contains(idPart))
                .findFirst().orElseThrow(() -> new AssertionError("no finding of " + rule + " on " + idPart));
    }

    static Status status(List<StoredFinding> findings, String rule, String idPart) {
        return finding(findings, rule, idPart).finding().status();
    }

}
