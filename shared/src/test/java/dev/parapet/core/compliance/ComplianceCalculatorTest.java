package dev.parapet.core.compliance;

import dev.parapet.core.json.Json;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.ResourceRef;
import dev.parapet.core.model.Severity;
import dev.parapet.core.model.Status;
import dev.parapet.core.rules.RuleLoader;
import dev.parapet.core.rules.RuleSet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComplianceCalculatorTest {
    private static final Standards STANDARD = new Standards(List.of(new Standard("STD", "Test standard", "1", "aws", List.of(
            new Requirement("1.1", "s", true, ""),
            new Requirement("1.2", "s", true, ""),
            new Requirement("1.3", "s", true, ""),
            new Requirement("1.4", "s", false, ""),
            new Requirement("1.5", "s", true, ""),
            new Requirement("1.6", "s", true, "")))));

    private static RuleSet rules() {
        String yaml = """
                rules:
                  - {id: rule-a, title: a, provider: aws, resourceTypes: [T], severity: LOW, control: enable-mfa,
                     compliance: {STD: ["1.1"]}, expression: "true"}
                  - {id: rule-b, title: b, provider: aws, resourceTypes: [T], severity: LOW, control: enable-mfa,
                     compliance: {STD: ["1.2", "1.4"]}, expression: "true"}
                  - {id: rule-c, title: c, provider: aws, resourceTypes: [T], severity: LOW, control: enable-mfa,
                     compliance: {STD: ["1.3"]}, expression: "true"}
                  - {id: rule-d, title: d, provider: aws, resourceTypes: [T], severity: LOW, control: enable-mfa,
                     compliance: {STD: ["1.6"]}, expression: "true"}
                """;
        var loaded = new RuleLoader(Set.of()).load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "t.yaml");
        assertThat(loaded.problems()).isEmpty();
        return new RuleSet(loaded.rules());
    }

    private static Finding finding(String rule, Status status) {
        return new Finding(rule, rule, Severity.LOW, status, new ResourceRef(Provider.AWS, "r-" + status, "T", "1", "r", "n"),
                "enable-mfa", Map.of(), Map.of(), Instant.EPOCH);
    }

    @Test
    void requirementsArePassedFailedOrNotAssessedNeverPassedByDefault() {
        List<Finding> findings = List.of(
                finding("rule-a", Status.PASS), finding("rule-a", Status.PASS),
                finding("rule-b", Status.PASS), finding("rule-b", Status.FAIL),
                finding("rule-c", Status.ERROR));
        StandardResult result = ComplianceCalculator.compute(STANDARD, rules(), findings).get(0);
        Map<String, RequirementResult> byId = new java.util.HashMap<>();
        result.requirements().forEach(r -> byId.put(r.id(), r));
        assertThat(byId.get("1.1").status()).isEqualTo(RequirementResult.PASSED);
        assertThat(byId.get("1.2").status()).isEqualTo(RequirementResult.FAILED);
        assertThat(byId.get("1.2").failing()).hasSize(1);
        assertThat(byId.get("1.3").status()).isEqualTo(RequirementResult.NOT_ASSESSED);
        assertThat(byId.get("1.3").reason()).isEqualTo("rules could not decide");
        // a manual requirement that a rule cites is still judged by that rule's findings
        assertThat(byId.get("1.4").status()).isEqualTo(RequirementResult.FAILED);
        assertThat(byId.get("1.5").reason()).isEqualTo("no rule");
        assertThat(byId.get("1.6").reason()).isEqualTo("no resources in scope");
        assertThat(result.passed()).isEqualTo(1);
        assertThat(result.failed()).isEqualTo(2);
        assertThat(result.notAssessed()).isEqualTo(3);
    }

    @Test
    void aNotAssessableRequirementWithoutRuleGivesItsReason() {
        Standards standards = new Standards(List.of(new Standard("STD", "Test standard", "1", "aws", List.of(
                new Requirement("1.1", "s", true, "", "needs Entra ID tenant settings"),
                new Requirement("1.2", "s", true, "", "needs log contents"),
                new Requirement("1.5", "s", true, "")))));
        List<Finding> findings = List.of(finding("rule-a", Status.FAIL));
        Map<String, RequirementResult> byId = new java.util.HashMap<>();
        StandardResult result = ComplianceCalculator.compute(standards, rules(), findings).get(0);
        result.requirements().forEach(r -> byId.put(r.id(), r));
        // where a rule cites the requirement (rule-a: 1.1, rule-b: 1.2), the rule decides, whatever the data file says
        assertThat(byId.get("1.1").status()).isEqualTo(RequirementResult.FAILED);
        assertThat(byId.get("1.2").reason()).isEqualTo("no resources in scope");
        assertThat(byId.get("1.5").reason()).isEqualTo("no rule");
        StandardResult uncited = ComplianceCalculator.compute(standards, new RuleSet(List.of()), findings).get(0);
        assertThat(uncited.requirements()).extracting(RequirementResult::reason).containsExactly(
                "not assessable: needs Entra ID tenant settings", "not assessable: needs log contents", "no rule");
        assertThat(uncited.requirements()).extracting(RequirementResult::status).containsOnly(RequirementResult.NOT_ASSESSED);
        assertThat(uncited.passed()).isZero();
    }

    @Test
    void standardsReadTheNotAssessableReasonAndRejectAnEmptyOne() throws Exception {
        Standard parsed = Standards.parse(Json.YAML.readTree("""
                id: STD
                requirements:
                  - {id: "1.1", section: s, assessment: automated, notAssessable: "needs log contents"}
                  - {id: "1.2", section: s, assessment: automated}
                """));
        assertThat(parsed.requirements()).extracting(Requirement::notAssessable).containsExactly("needs log contents", "");
        assertThatThrownBy(() -> Standards.parse(Json.YAML.readTree("""
                id: STD
                requirements:
                  - {id: "1.3", section: s, assessment: automated, notAssessable: ""}
                """))).hasMessageContaining("STD").hasMessageContaining("1.3").hasMessageContaining("notAssessable");
        assertThatThrownBy(() -> Standards.parse(Json.YAML.readTree("""
                id: STD
                requirements:
                  - {id: "1.4", section: s, assessment: automated, notAssessable: [a]}
                """))).hasMessageContaining("1.4");
    }

    @Test
    void builtInStandardsCarryEveryReferenceId() {
        Standards builtIn = Standards.builtIn();
        assertThat(builtIn.all()).extracting(Standard::id)
                .containsExactlyInAnyOrder("AWS-FSBP", "CIS-AWS-7.0.0", "CIS-Azure-6.0.0", "CIS-GCP-5.0.0", "MCSB");
        Standard cisAws = builtIn.get("CIS-AWS-7.0.0").orElseThrow();
        assertThat(cisAws.requirements()).hasSize(70);
        assertThat(cisAws.requirements()).filteredOn(Requirement::automated).hasSize(34);
        assertThat(builtIn.get("CIS-Azure-6.0.0").orElseThrow().requirements()).filteredOn(r -> !r.automated()).hasSize(38);
    }
}
