package dev.parapet.core.ticketing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.model.Severity;
import dev.parapet.core.store.Store;
import dev.parapet.core.store.Stores;
import dev.parapet.core.store.TicketRecord;
import dev.parapet.core.ticketing.ServiceNowStandIn.Fault;
import dev.parapet.core.ticketing.ServiceNowStandIn.Faults;
import dev.parapet.core.ticketing.ServiceNowStandIn.Seen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.parapet.core.ticketing.Estate.key;
import static dev.parapet.core.ticketing.ServiceNowStandIn.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forwarder against the ServiceNow stand-in and a real store (each backend by a subclass): records are opened,
 * noted, resolved and reopened once each, whatever fails in between.
 */
abstract class ForwarderSuite extends StoreBacked {
    /** The tests' "now": a ticking clock that started on 2026-03-05 (findings fail from 2026-03-04). */
    static final Clock CLOCK = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), Instant.parse("2026-03-05T00:00:00Z")));
    static final String T1 = "2026-03-04T10:00:00Z";
    static final String T2 = "2026-03-04T11:00:00Z";
    static final String T3 = "2026-03-04T12:00:00Z";
    static final String T4 = "2026-03-04T13:00:00Z";

    protected ServiceNowStandIn sn;
    protected final Map<String, String> secrets = new HashMap<>();

    @BeforeEach
    void startServiceNow() {
        sn = new ServiceNowStandIn();
        secrets.put("SN_PASSWORD", PASSWORD);
        secrets.put("SN_CLIENT_SECRET", ServiceNowStandIn.CLIENT_SECRET);
    }

    @AfterEach
    void stopServiceNow() {
        sn.close();
    }

    String yaml(String auth, String extra) {
        return """
                servicenow:
                  instance: %s
                  table: incident
                  timeout: PT1S
                  auth:
                %s
                record:
                  reportUrl: https://parapet.example.com/findings/{key}
                governance:
                  grace: P2D
                  rules:
                    - when: {severity: CRITICAL}
                      due: P7D
                    - when: {tags: {team: pay*}}
                      owner: 6816f79cc0a8016401c5a33be04be441
                      assignmentGroup: Payments SRE
                    - when: {cloud: aws, account: "1111*"}
                      assignmentGroup: Cloud Security
                      due: P30D
                forwarding:
                  budget: PT20S
                  backoff: PT0.005S
                  maxBackoff: PT0.05S
                  lease: PT2M
                """.formatted(sn.url(), auth.indent(4).stripTrailing()) + extra;
    }

    static final String BASIC = "type: basic\nuser: svc_parapet\npasswordFrom: SN_PASSWORD";

    TicketForwarder forwarder(String extra) {
        return forwarder(BASIC, extra);
    }

    TicketForwarder forwarder(String auth, String extra) {
        return TicketForwarder.create(TicketConfig.parse(yaml(auth, extra), "test.yaml"), secrets::get, Estate.RULES, CLOCK);
    }

    List<ObjectNode> incidents() {
        return sn.records("incident");
    }

    TicketRecord ticket(String bucket) {
        return store.tickets().ticket(key(bucket)).orElseThrow(() -> new AssertionError("no ticket for " + bucket));
    }

    long tableRequests() {
        return sn.requests().stream().filter(r -> r.path().startsWith("/api/now/table/")).count();
    }

    @Test
    void aFailingFindingOpensOneRecordWithTheDocumentedFields() {
        estate.fail("acme-logs", T1);
        ForwardReport report = forwarder("").forward(store);

        assertThat(report.count(Outcome.CREATED)).as(report.summary()).isEqualTo(1);
        assertThat(report.clean()).as(report.summary()).isTrue();
        ObjectNode r = incidents().get(0);
        assertThat(r.path("short_description").asText())
                .isEqualTo("[Parapet] S3 bucket blocks public access with all four bucket-level settings: acme-logs");
        assertThat(r.path("description").asText())
                .contains("Resource: arn:aws:s3:::acme-logs", "account 111122223333", "region us-east-1",
                        "Rule: aws-s3-bucket-public-access-block (severity HIGH)", "publicAccessBlock: not configured",
                        "aws s3api put-public-access-block", "CIS-AWS-7.0.0 3.1.4",
                        "Report: https://parapet.example.com/findings/" + key("acme-logs"),
                        "Failing since: 2026-03-04 10:00:00 UTC");
        assertThat(r.path("urgency").asText()).isEqualTo("1");
        assertThat(r.path("impact").asText()).isEqualTo("2");
        assertThat(r.path("category").asText()).isEqualTo("security");
        assertThat(r.path("correlation_id").asText()).isEqualTo("parapet-" + key("acme-logs")).hasSizeLessThanOrEqualTo(100);
        assertThat(r.path("correlation_display").asText()).isEqualTo("Parapet");
        assertThat(r.path("assignment_group").asText()).isEqualTo("Cloud Security");
        assertThat(r.has("assigned_to")).isFalse();
        assertThat(r.path("due_date").asText()).as("30 days after the failure began").isEqualTo("2026-04-03 10:00:00");

        TicketRecord t = ticket("acme-logs");
        assertThat(t.sysId()).isEqualTo(r.path("sys_id").asText());
        assertThat(t.number()).isEqualTo(r.path("number").asText()).startsWith("INC");
        assertThat(t.state()).isEqualTo(TicketRecord.OPEN);
        assertThat(t.assignmentGroup()).isEqualTo("Cloud Security");
        assertThat(t.dueAt()).isEqualTo(Instant.parse("2026-04-03T10:00:00Z"));
        assertThat(store.tickets().counts(CLOCK.instant()).pending()).isZero();

        // redelivery: the same intent again changes nothing in ServiceNow
        assertThat(store.tickets().requeue(true)).isEqualTo(1);
        ForwardReport again = forwarder("").forward(store);
        assertThat(again.count(Outcome.UNCHANGED)).as(again.summary()).isEqualTo(1);
        assertThat(incidents()).hasSize(1);
        assertThat(sn.notes(t.sysId())).isEmpty();
    }

    @Test
    void governanceFollowsTagsAndSeverityWithTheGracePeriod() {
        estate.failMany(List.of("payroll-exports"), T1, Severity.CRITICAL);
        forwarder("").forward(store);
        ObjectNode r = incidents().get(0);
        assertThat(r.path("assigned_to").asText()).isEqualTo("6816f79cc0a8016401c5a33be04be441");
        assertThat(r.path("assignment_group").asText()).as("the first rule that sets it wins").isEqualTo("Payments SRE");
        assertThat(r.path("due_date").asText()).as("critical: 7 days").isEqualTo("2026-03-11 10:00:00");
        assertThat(r.path("urgency").asText() + r.path("impact").asText()).isEqualTo("11");
        TicketRecord t = ticket("payroll-exports");
        assertThat(t.owner()).isEqualTo("6816f79cc0a8016401c5a33be04be441");
        assertThat(t.assignmentGroup()).isEqualTo("Payments SRE");

        // a failure found long after it began is still given the grace period
        Governance g = forwarder("").config().governance();
        Instant opened = Instant.parse("2026-06-01T00:00:00Z");
        assertThat(g.assign(incidentFinding(Severity.CRITICAL), Map.of(), Instant.parse(T1), opened).due())
                .isEqualTo(opened.plus(Duration.ofDays(2)));
    }

    private static dev.parapet.core.model.Finding incidentFinding(Severity severity) {
        return new dev.parapet.core.model.Finding("r", "t", severity, dev.parapet.core.model.Status.FAIL,
                new dev.parapet.core.model.ResourceRef(dev.parapet.core.model.Provider.GCP, "id", "type", "proj", "eu", "n"),
                null, Map.of(), Map.of(), Instant.parse(T1));
    }

    @Test
    void changedEvidenceAddsOneWorkNoteAndNothingElseDoes() {
        estate.fail("b", T1);
        forwarder("").forward(store);
        estate.fail("b", T2, "{blockPublicAcls=true, blockPublicPolicy=false}");
        ForwardReport noted = forwarder("").forward(store);
        assertThat(noted.count(Outcome.NOTED)).as(noted.summary()).isEqualTo(1);
        String sysId = ticket("b").sysId();
        assertThat(sn.notes(sysId)).singleElement().asString()
                .contains("evidence changed", "publicAccessBlock: {blockPublicAcls=true, blockPublicPolicy=false}");

        estate.fail("b", T3, "{blockPublicAcls=true, blockPublicPolicy=false}"); // re-detected, same evidence
        estate.error("b", "2026-03-04T12:30:00Z");                                // undecided for a while
        estate.fail("b", T4, "{blockPublicAcls=true, blockPublicPolicy=false}"); // failing as before
        ForwardReport quiet = forwarder("").forward(store);
        assertThat(quiet.count(Outcome.NOTED)).as(quiet.summary()).isZero();
        assertThat(sn.notes(sysId)).hasSize(1);
        assertThat(incidents()).hasSize(1);
    }

    @Test
    void passingResolvesFailingAgainReopensAndDeletionResolves() {
        estate.fail("b", T1);
        forwarder("").forward(store);
        String sysId = ticket("b").sysId();

        estate.pass("b", T2);
        ForwardReport resolved = forwarder("").forward(store);
        assertThat(resolved.count(Outcome.RESOLVED)).as(resolved.summary()).isEqualTo(1);
        ObjectNode r = sn.record(sysId);
        assertThat(r.path("state").asText()).isEqualTo("6");
        assertThat(r.path("close_code").asText()).isEqualTo("Solution provided");
        assertThat(r.path("close_notes").asText()).contains("passes the rule", "2026-03-04 11:00:00 UTC");
        assertThat(ticket("b").state()).isEqualTo(TicketRecord.RESOLVED);

        estate.fail("b", T3);
        ForwardReport reopened = forwarder("").forward(store);
        assertThat(reopened.count(Outcome.REOPENED)).as(reopened.summary()).isEqualTo(1);
        assertThat(sn.record(sysId).path("state").asText()).isEqualTo("2");
        assertThat(sn.notes(sysId)).singleElement().asString().contains("failing again since 2026-03-04 12:00:00 UTC");
        assertThat(ticket("b").state()).isEqualTo(TicketRecord.OPEN);

        estate.delete("b", T4);
        assertThat(forwarder("").forward(store).count(Outcome.RESOLVED)).isEqualTo(1);
        assertThat(sn.record(sysId).path("close_notes").asText()).contains("deleted");
        assertThat(incidents()).hasSize(1);
    }

    @Test
    void failingAgainOpensANewRecordWhenConfigured() {
        String policy = "policy:\n  failingAgain: new\n";
        estate.fail("b", T1);
        forwarder(policy).forward(store);
        estate.pass("b", T2);
        forwarder(policy).forward(store);
        String first = ticket("b").number();
        estate.fail("b", T3);
        ForwardReport report = forwarder(policy).forward(store);

        assertThat(report.count(Outcome.CREATED)).as(report.summary()).isEqualTo(1);
        assertThat(incidents()).hasSize(2);
        ObjectNode second = incidents().get(1);
        assertThat(second.path("description").asText()).contains("Follows: " + first, "Failing since: 2026-03-04 12:00:00 UTC");
        assertThat(second.path("correlation_id").asText()).isEqualTo(incidents().get(0).path("correlation_id").asText());
        assertThat(ticket("b").sysId()).isEqualTo(second.path("sys_id").asText());
        assertThat(incidents().get(0).path("state").asText()).as("the old one stays resolved").isEqualTo("6");
    }

    @Test
    void recordsClosedByPeopleFollowTheConfiguredChoice() {
        Map<String, String> bucketByPolicy = Map.of("leave", "b-leave", "new", "b-new", "reopen", "b-reopen");
        for (var e : bucketByPolicy.entrySet()) {
            String policy = "policy:\n  closedInServiceNow: " + e.getKey() + "\n";
            estate.fail(e.getValue(), T1);
            forwarder(policy).forward(store);
            sn.edit(ticket(e.getValue()).sysId(), "state", "7"); // a person closes it; the finding still fails
            estate.fail(e.getValue(), T2, "{blockPublicAcls=false}");
            ForwardReport report = forwarder(policy).forward(store);
            switch (e.getKey()) {
                case "leave" -> {
                    assertThat(report.count(Outcome.LEFT_CLOSED)).as(report.summary()).isEqualTo(1);
                    assertThat(ticket("b-leave").state()).isEqualTo(TicketRecord.CLOSED_IN_SERVICENOW);
                    assertThat(sn.record(ticket("b-leave").sysId()).path("state").asText()).isEqualTo("7");
                    assertThat(sn.notes(ticket("b-leave").sysId())).isEmpty();
                }
                case "new" -> {
                    assertThat(report.count(Outcome.CREATED)).as(report.summary()).isEqualTo(1);
                    assertThat(sn.record(ticket("b-new").sysId()).path("state").asText()).isEqualTo("1");
                }
                default -> {
                    assertThat(report.count(Outcome.REOPENED)).as(report.summary()).isEqualTo(1);
                    assertThat(sn.record(ticket("b-reopen").sysId()).path("state").asText()).isEqualTo("2");
                }
            }
        }
        assertThat(incidents()).hasSize(4); // one each, plus the new one
    }

    @Test
    void securityIncidentsUseTheirOwnTableStatesAndCloseCodes() {
        String sir = yaml(BASIC, "").replace("table: incident", "table: sn_si_incident");
        TicketForwarder forwarder = TicketForwarder.create(TicketConfig.parse(sir, "sir.yaml"), secrets::get, Estate.RULES, CLOCK);
        estate.fail("b", T1);
        assertThat(forwarder.forward(store).count(Outcome.CREATED)).isEqualTo(1);
        ObjectNode r = sn.records("sn_si_incident").get(0);
        assertThat(r.path("number").asText()).startsWith("SIR");
        assertThat(r.has("category")).as("no incident category on a security incident").isFalse();
        estate.pass("b", T2);
        assertThat(forwarder.forward(store).count(Outcome.RESOLVED)).isEqualTo(1);
        assertThat(sn.record(r.path("sys_id").asText()).path("state").asText()).isEqualTo("3");
        assertThat(sn.record(r.path("sys_id").asText()).path("close_code").asText()).isEqualTo("Threat mitigated");
        assertThat(incidents()).isEmpty();
    }

    @Test
    void findingsBelowTheThresholdGetNoRecord() {
        estate.fail("b", T1);
        estate.failMany(List.of("c"), T1, Severity.CRITICAL);
        ForwardReport report = forwarder("threshold:\n  severity: CRITICAL\n").forward(store);
        assertThat(report.count(Outcome.SKIPPED)).as(report.summary()).isEqualTo(1);
        assertThat(report.count(Outcome.CREATED)).isEqualTo(1);
        assertThat(incidents()).extracting(r -> r.path("short_description").asText()).singleElement().asString().endsWith(": c");
        assertThat(store.tickets().pending(10)).as("a skipped row is done, not pending").isEmpty();
    }

    @Test
    void aRecordWhoseSysIdWasNeverStoredIsAdopted() {
        estate.fail("b", T1);
        sn.insert("incident", Map.of("correlation_id", "parapet-" + key("b"), "short_description", "made before a crash"));
        ForwardReport report = forwarder("").forward(store);
        assertThat(report.count(Outcome.ADOPTED)).as(report.summary()).isEqualTo(1);
        assertThat(incidents()).singleElement().satisfies(r -> {
            assertThat(r.path("sys_id").asText()).isEqualTo(ticket("b").sysId());
            assertThat(r.path("short_description").asText()).startsWith("[Parapet]");
        });
    }

    @Test
    void aLostAnswerToACreateIsAdoptedNotCreatedTwice() {
        estate.fail("b", T1);
        sn.faults = Faults.first(1, "POST", "/api/now/table/incident", Fault.slow(1500)); // created, answer too late
        ForwardReport report = forwarder("").forward(store);
        assertThat(report.retried()).as(report.summary()).isEqualTo(1);
        assertThat(report.count(Outcome.ADOPTED)).as(report.summary()).isEqualTo(1);
        assertThat(incidents()).hasSize(1);
        assertThat(ticket("b").sysId()).isEqualTo(incidents().get(0).path("sys_id").asText());
    }

    @Test
    void rateLimitsAreHonouredAndServerErrorsRetried() {
        estate.fail("b", T1);
        sn.faults = Faults.first(1, "GET", "/api/now/table/incident", Fault.rateLimit(1));
        ForwardReport limited = forwarder("").forward(store);
        assertThat(limited.count(Outcome.CREATED)).as(limited.summary()).isEqualTo(1);
        List<Seen> gets = sn.requests().stream().filter(r -> r.method().equals("GET")).toList();
        assertThat(Duration.between(gets.get(0).at(), gets.get(gets.size() - 1).at())).as("Retry-After: 1")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));

        estate.fail("c", T1);
        sn.faults = Faults.first(2, "GET", "/api/now/table/incident", Fault.error(500));
        ForwardReport errors = forwarder("").forward(store);
        assertThat(errors.count(Outcome.CREATED)).as(errors.summary()).isEqualTo(1);
        assertThat(incidents()).hasSize(2);
    }

    @Test
    void serviceNowDownLeavesEverythingInTheOutboxWithinTheBudget() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        estate.failMany(List.of("a", "b", "c", "d", "e"), T1, Severity.HIGH);
        String config = yaml(BASIC, "").replace(sn.url(), "http://127.0.0.1:" + closedPort);
        TicketForwarder down = TicketForwarder.create(TicketConfig.parse(config, "down.yaml"), secrets::get, null, CLOCK);
        long started = System.nanoTime();
        ForwardReport report = down.forward(store, Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
        assertThat(report.retried()).as(report.summary()).isEqualTo(TicketForwarder.GIVE_UP_AFTER);
        assertThat(report.left()).isEqualTo(5 - TicketForwarder.GIVE_UP_AFTER);
        assertThat(report.problems()).anyMatch(p -> p.contains("cannot connect"));
        assertThat(store.tickets().counts(CLOCK.instant()).pending()).isEqualTo(5);
        assertThat(store.findings(dev.parapet.core.store.FindingFilter.CURRENT)).hasSize(5);
    }

    @Test
    void refusedCredentialsAreReportedOnceAndPauseForwardingUntilRequeued() {
        estate.failMany(List.of("a", "b", "c"), T1, Severity.HIGH);
        secrets.put("SN_PASSWORD", "wrong-Passw0rd-xyz");
        ForwardReport refused = forwarder("").forward(store);
        assertThat(refused.failed()).as(refused.summary()).isEqualTo(1);
        assertThat(refused.paused()).contains("HTTP 401", "User Not Authenticated");
        // one row tried, not one per row (the JDK client may resend an idempotent GET once on a dropped connection)
        assertThat(sn.requests().stream().map(Seen::url).distinct()).as("rows tried").hasSize(1);
        long requests = tableRequests();

        ForwardReport stillPaused = forwarder("").forward(store);
        assertThat(stillPaused.paused()).isNotNull();
        assertThat(stillPaused.handled()).isZero();
        assertThat(tableRequests()).as("paused: no request at all").isEqualTo(requests);
        assertThat(store.tickets().failed(10)).singleElement().satisfies(e -> assertThat(e.lastError()).contains("401"));

        secrets.put("SN_PASSWORD", PASSWORD);
        assertThat(store.tickets().requeue(false)).isEqualTo(1);
        ForwardReport fixed = forwarder("").forward(store);
        assertThat(fixed.count(Outcome.CREATED)).as(fixed.summary()).isEqualTo(3);
        assertThat(fixed.clean()).isTrue();

        String everything = refused + " " + stillPaused + " " + store.tickets().failed(10) + " " + store.tickets().pending(10);
        assertThat(everything).doesNotContain("wrong-Passw0rd-xyz").doesNotContain(PASSWORD);
    }

    @Test
    void aRefusedRecordFailsAloneAndWaitsForARequeue() {
        estate.failMany(List.of("a", "b"), T1, Severity.HIGH);
        sn.faults = Faults.first(1, "POST", "/api/now/table/incident", Fault.error(400));
        ForwardReport report = forwarder("").forward(store);
        assertThat(report.failed()).as(report.summary()).isEqualTo(1);
        assertThat(report.count(Outcome.CREATED)).isEqualTo(1);
        assertThat(store.tickets().failed(10)).singleElement()
                .satisfies(e -> assertThat(e.lastError()).contains("HTTP 400", "Data Policy Exception"));
        assertThat(forwarder("").forward(store).handled()).as("not retried in a loop").isZero();
        store.tickets().requeue(false);
        assertThat(forwarder("").forward(store).count(Outcome.CREATED)).isEqualTo(1);
        assertThat(incidents()).hasSize(2);
    }

    @Test
    void oauthClientCredentialsTokensAreCachedAndRenewed() throws Exception {
        String oauth = "type: oauth\ngrant: client_credentials\nclientId: " + ServiceNowStandIn.CLIENT_ID
                + "\nclientSecretFrom: SN_CLIENT_SECRET";
        estate.failMany(List.of("a", "b", "c"), T1, Severity.HIGH);
        TicketForwarder forwarder = forwarder(oauth, "");
        assertThat(forwarder.forward(store).count(Outcome.CREATED)).isEqualTo(3);
        assertThat(sn.tokenRequests.get()).as("one token for six calls").isEqualTo(1);
        assertThat(sn.requests().stream().filter(r -> r.path().startsWith("/api/")))
                .allMatch(r -> r.authorization().startsWith("Bearer at-"));

        sn.revokeTokens(); // revoked in ServiceNow: a 401, then a new token and the call goes through
        estate.pass("a", T2);
        ForwardReport afterRevoke = forwarder.forward(store);
        assertThat(afterRevoke.count(Outcome.RESOLVED)).as(afterRevoke.summary()).isEqualTo(1);
        assertThat(sn.tokenRequests.get()).isEqualTo(2);

        String all = sn.requests().stream().map(Seen::toString).collect(Collectors.joining());
        assertThat(afterRevoke.toString()).doesNotContain(ServiceNowStandIn.CLIENT_SECRET);
        assertThat(all).contains("grant_type=client_credentials");
    }

    @Test
    void oauthPasswordGrantRenewsWithItsRefreshToken() throws Exception {
        String oauth = "type: oauth\ngrant: password\nclientId: " + ServiceNowStandIn.CLIENT_ID
                + "\nclientSecretFrom: SN_CLIENT_SECRET\nuser: svc_parapet\npasswordFrom: SN_PASSWORD";
        sn.tokenLifetimeSeconds = 1;
        estate.fail("a", T1);
        TicketForwarder forwarder = forwarder(oauth, "");
        assertThat(forwarder.forward(store).count(Outcome.CREATED)).isEqualTo(1);
        Thread.sleep(1100);
        estate.pass("a", T2);
        assertThat(forwarder.forward(store).count(Outcome.RESOLVED)).isEqualTo(1);
        List<String> grants = sn.requests().stream().filter(r -> r.path().equals("/oauth_token.do"))
                .map(r -> r.body().replaceAll(".*grant_type=([a-z_]+).*", "$1")).toList();
        assertThat(grants).startsWith("password").contains("refresh_token");
    }

    @Test
    void aWrongClientSecretPausesWithoutShowingIt() {
        String oauth = "type: oauth\ngrant: client_credentials\nclientId: " + ServiceNowStandIn.CLIENT_ID
                + "\nclientSecretFrom: SN_CLIENT_SECRET";
        secrets.put("SN_CLIENT_SECRET", "not-the-Secret-42");
        estate.fail("a", T1);
        ForwardReport report = forwarder(oauth, "").forward(store);
        assertThat(report.paused()).contains("OAuth token request", "HTTP 401", "access_denied");
        assertThat(report.toString()).doesNotContain("not-the-Secret-42");
        assertThat(store.tickets().failed(10).toString()).doesNotContain("not-the-Secret-42");
        assertThat(tableRequests()).isZero();
    }

    @Test
    void aMissingSecretIsNamedNotGuessed() {
        secrets.remove("SN_PASSWORD");
        estate.fail("a", T1);
        ForwardReport report = forwarder("").forward(store);
        assertThat(report.paused()).contains("'SN_PASSWORD'");
        assertThat(sn.requests()).isEmpty();
    }

    /** Exactly once in effect: 1,000 failing findings, a fifth of all requests failing, two forwarders at once. */
    @Test
    void aThousandFindingsUnderInjectedFailuresEndAsExactlyAThousandRecords() throws Exception {
        List<String> buckets = IntStream.range(0, 1000).mapToObj(i -> String.format("bucket-%04d", i)).toList();
        estate.failMany(buckets, T1, Severity.HIGH);
        sn.faults = Faults.random(42, 0.20, 450);
        String config = yaml(BASIC, "").replace("timeout: PT1S", "timeout: PT0.2S");
        List<Store> stores = List.of(Stores.open(url), Stores.open(url));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<ForwardReport> reports = new ArrayList<>();
        try {
            for (int round = 0; round < 40 && store.tickets().counts(CLOCK.instant()).pending() > 0; round++) {
                List<Future<ForwardReport>> runs = new ArrayList<>();
                for (Store s : stores) {
                    TicketForwarder f = TicketForwarder.create(TicketConfig.parse(config, "t.yaml"), secrets::get, null, CLOCK);
                    runs.add(pool.submit(() -> f.forward(s, Duration.ofSeconds(30))));
                }
                for (Future<ForwardReport> run : runs) {
                    reports.add(run.get());
                }
                Thread.sleep(60); // the longest back-off
            }
        } finally {
            pool.shutdownNow();
            stores.forEach(Store::close);
        }
        int created = reports.stream().mapToInt(r -> r.count(Outcome.CREATED)).sum();
        int adopted = reports.stream().mapToInt(r -> r.count(Outcome.ADOPTED)).sum();
        assertThat(store.tickets().counts(CLOCK.instant()).pending()).as("outbox drained").isZero();
        assertThat(incidents()).hasSize(1000);
        Set<String> correlations = incidents().stream().map(r -> r.path("correlation_id").asText()).collect(Collectors.toSet());
        assertThat(correlations).hasSize(1000);
        assertThat(created + adopted).isEqualTo(1000);
        for (String b : buckets) {
            ObjectNode r = sn.record(ticket(b).sysId());
            assertThat(r.path("correlation_id").asText()).isEqualTo("parapet-" + key(b));
        }
        assertThat(reports.stream().mapToInt(ForwardReport::retried).sum()).as("failures were injected").isPositive();
        System.out.printf("1000 findings: %d created, %d adopted after lost answers, %d runs, %d requests%n",
                created, adopted, reports.size(), sn.requests().size());
    }
}
