package dev.parapet.core.ticketing;

import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.ResourceRef;
import dev.parapet.core.model.Severity;
import dev.parapet.core.model.Status;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TicketConfigTest {
    static final String MINIMAL = """
            servicenow:
              instance: https://acme.service-now.com
              auth: {type: basic, user: svc_parapet, passwordFrom: SERVICENOW_PASSWORD}
            """;

    /** The example in docs/SERVICENOW.md is a working configuration. */
    @Test
    void theDocumentedExampleParses() throws Exception {
        String doc = Files.readString(Path.of("../docs/SERVICENOW.md"));
        int start = doc.indexOf("```yaml\n") + 8;
        String yaml = doc.substring(start, doc.indexOf("```", start));
        TicketConfig c = TicketConfig.parse(yaml, "docs/SERVICENOW.md");
        assertThat(c.target().table()).isEqualTo("incident");
        assertThat(c.target().auth().type()).isEqualTo(TicketConfig.AuthType.OAUTH);
        assertThat(c.policy().closedInServiceNow()).isEqualTo(TicketConfig.ClosedInServiceNow.LEAVE);
        assertThat(c.forwarding().budget()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void defaultsFitTheIncidentTableAndTheSecurityIncidentTable() {
        TicketConfig incident = TicketConfig.parse(MINIMAL, "m.yaml");
        assertThat(incident.target().table()).isEqualTo("incident");
        assertThat(incident.mapping().states()).isEqualTo(new TicketConfig.States("2", "6", java.util.Set.of("6", "7", "8")));
        assertThat(incident.mapping().closeCodes().get("PASSED")).isEqualTo("Solution provided");
        assertThat(incident.mapping().category()).isEqualTo("security");
        assertThat(incident.policy()).isEqualTo(new TicketConfig.Policy(TicketConfig.FailingAgain.REOPEN,
                TicketConfig.ClosedInServiceNow.NEW));

        TicketConfig sir = TicketConfig.parse(MINIMAL.replace("  auth:", "  table: sn_si_incident\n  auth:"), "s.yaml");
        assertThat(sir.mapping().states().resolved()).isEqualTo("3");
        assertThat(sir.mapping().category()).isNull();
    }

    @Test
    void functionsReadTheConfigurationFromOneSetting(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.time.Clock clock = java.time.Clock.systemUTC();
        assertThat(TicketForwarder.fromEnvironment(Map.of(), name -> null, null, clock)).isEmpty();
        assertThat(TicketForwarder.fromEnvironment(Map.of(TicketForwarder.ENV, MINIMAL), name -> null, null, clock))
                .hasValueSatisfying(f -> assertThat(f.config().target().instance().getHost()).isEqualTo("acme.service-now.com"));
        Path file = dir.resolve("servicenow.yaml");
        Files.writeString(file, MINIMAL);
        assertThat(TicketForwarder.fromEnvironment(Map.of(TicketForwarder.ENV, file.toString()), name -> null, null, clock))
                .hasValueSatisfying(f -> assertThat(f.config().target().id()).isEqualTo("https://acme.service-now.com#incident"));
        assertThatThrownBy(() -> TicketForwarder.fromEnvironment(Map.of(TicketForwarder.ENV, "/no/such.yaml"), n -> null, null, clock))
                .hasMessage("PARAPET_TICKETING_CONFIG is neither ticketing YAML nor the path of a file: /no/such.yaml");
    }

    @Test
    void mistakesAreNamedWithFileAndKey() {
        assertThatThrownBy(() -> TicketConfig.parse(MINIMAL + "forwarding: {budjet: PT1M}\n", "a.yaml"))
                .hasMessage("a.yaml: forwarding: unknown key(s) [budjet] (expected some of [authPause, backoff, batch, budget, lease, maxBackoff])");
        assertThatThrownBy(() -> TicketConfig.parse(MINIMAL + "forwarding: {budget: 30s}\n", "a.yaml"))
                .hasMessageContaining("a.yaml: forwarding.budget: expected an ISO-8601 duration");
        assertThatThrownBy(() -> TicketConfig.parse(MINIMAL + "forwarding: {budget: PT10M}\n", "a.yaml"))
                .hasMessageContaining("forwarding.lease: must be longer than the budget");
        assertThatThrownBy(() -> TicketConfig.parse(MINIMAL.replace("https://acme", "http://acme"), "a.yaml"))
                .hasMessageContaining("servicenow.instance: must be https");
        assertThatThrownBy(() -> TicketConfig.parse(MINIMAL.replace("passwordFrom: SERVICENOW_PASSWORD", "password: hunter2"), "a.yaml"))
                .hasMessageContaining("servicenow.auth: unknown key(s) [password]");
        assertThatThrownBy(() -> TicketConfig.parse(MINIMAL.replace("type: basic", "type: oauth"), "a.yaml"))
                .hasMessageContaining("servicenow.auth: oauth needs clientId");
        assertThatThrownBy(() -> TicketConfig.parse(MINIMAL + "policy: {failingAgain: sometimes}\n", "a.yaml"))
                .hasMessage("a.yaml: policy.failingAgain: expected one of [reopen, new], got 'sometimes'");
        assertThatThrownBy(() -> TicketConfig.parse(MINIMAL + "threshold: {rules: {r1: urgent}}\n", "a.yaml"))
                .hasMessageContaining("threshold.rules.r1: unknown severity 'urgent'");
        assertThatThrownBy(() -> TicketConfig.parse(MINIMAL + "record: {states: {resolved: '6', inactive: ['7']}}\n", "a.yaml"))
                .hasMessageContaining("record.states.inactive: must include the resolved state 6");
        assertThatThrownBy(() -> TicketConfig.parse(MINIMAL + "governance: {rules: [{when: {cloud: aws}}]}\n", "a.yaml"))
                .hasMessage("a.yaml: governance.rules[0]: sets nothing (give owner, assignmentGroup or due)");
        assertThatThrownBy(() -> TicketConfig.parse(MINIMAL + "governance: {rules: [{when: {cloud: oracle}, due: P1D}]}\n", "a.yaml"))
                .hasMessageContaining("governance.rules[0].when.cloud: unknown provider 'oracle'");
        assertThatThrownBy(() -> TicketConfig.parse("servicenow: [", "a.yaml")).hasMessageStartingWith("a.yaml: not valid YAML");
    }

    @Test
    void thresholdsByRuleThenStandardThenSeverity() {
        Threshold t = new Threshold(Severity.HIGH, Map.of("noisy", Optional.empty(), "vital", Optional.of(Severity.LOW)),
                Map.of("CIS-AWS-7.0.0", Severity.MEDIUM, "PCI", Severity.LOW));
        assertThat(t.wants(finding("any", Severity.HIGH, Map.of()))).isTrue();
        assertThat(t.wants(finding("any", Severity.MEDIUM, Map.of()))).isFalse();
        assertThat(t.wants(finding("any", Severity.MEDIUM, Map.of("CIS-AWS-7.0.0", List.of("1.1"))))).isTrue();
        assertThat(t.wants(finding("any", Severity.LOW, Map.of("CIS-AWS-7.0.0", List.of("1.1"), "PCI", List.of("2"))))).isTrue();
        assertThat(t.wants(finding("noisy", Severity.CRITICAL, Map.of("PCI", List.of("2"))))).isFalse();
        assertThat(t.wants(finding("vital", Severity.LOW, Map.of()))).isTrue();
    }

    @Test
    void governanceRulesMatchEveryGivenConditionAndTheFirstSettingWins() {
        Governance g = TicketConfig.parse(MINIMAL + """
                governance:
                  grace: P1D
                  rules:
                    - when: {cloud: [gcp, azure], account: "prod-*", tags: {owner: "*"}, rule: "gcp-*"}
                      owner: gcp-owner
                    - when: {standard: CIS-GCP-5.0.0, severity: [HIGH, CRITICAL]}
                      assignmentGroup: GCP Security
                      due: P14D
                    - when: {}
                      assignmentGroup: Catch-all
                      due: P90D
                """, "g.yaml").governance();
        Instant since = Instant.parse("2026-03-01T00:00:00Z");
        Instant now = Instant.parse("2026-03-02T00:00:00Z");
        Finding f = new Finding("gcp-storage-public", "t", Severity.HIGH, Status.FAIL,
                new ResourceRef(Provider.GCP, "//storage/b", "storage.googleapis.com/Bucket", "PROD-web", "eu", "b"), null,
                Map.of("CIS-GCP-5.0.0", List.of("5.1")), Map.of(), since);
        assertThat(g.assign(f, Map.of("owner", "ana"), since, now))
                .isEqualTo(new Governance.Assignment("gcp-owner", "GCP Security", Instant.parse("2026-03-15T00:00:00Z")));
        assertThat(g.assign(f, Map.of(), since, now)).as("no owner tag")
                .isEqualTo(new Governance.Assignment(null, "GCP Security", Instant.parse("2026-03-15T00:00:00Z")));
        Finding low = new Finding("other", "t", Severity.LOW, Status.FAIL, f.resource(), null, Map.of(), Map.of(), since);
        assertThat(g.assign(low, Map.of(), since, Instant.parse("2026-06-01T00:00:00Z")).due())
                .as("90 days from the failure are past: the grace period applies").isEqualTo(Instant.parse("2026-06-02T00:00:00Z"));
    }

    private static Finding finding(String rule, Severity severity, Map<String, List<String>> compliance) {
        return new Finding(rule, "t", severity, Status.FAIL, new ResourceRef(Provider.AWS, "id", "type", "1", "r", "n"),
                null, compliance, Map.of(), Instant.EPOCH);
    }
}
