package dev.parapet.core.score;

import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.ResourceRef;
import dev.parapet.core.model.Severity;
import dev.parapet.core.model.Status;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScoreCalculatorTest {
    private final ScoreCalculator calculator = new ScoreCalculator(SecurityControls.builtIn());

    private static Finding finding(String rule, String control, String resource, Status status) {
        return finding(rule, control, Provider.AWS, "111122223333", resource, status);
    }

    private static Finding finding(String rule, String control, Provider provider, String account, String resource, Status status) {
        return new Finding(rule, rule, Severity.HIGH, status,
                new ResourceRef(provider, resource, "T", account, "r", resource), control, Map.of(), Map.of(),
                Instant.EPOCH);
    }

    @Test
    void defendersDocumentedExampleScoresPointThreeOne() {
        // Defender's example: a control of max 6 with 4 healthy resources out of 78 scores 0.31.
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 78; i++) {
            findings.add(finding("updates", "apply-system-updates", "vm-" + i, i < 4 ? Status.PASS : Status.FAIL));
        }
        ControlScore control = calculator.scope("overall", "", findings).controls().get(0);
        assertThat(control.maxScore()).isEqualTo(6);
        assertThat(control.healthy()).isEqualTo(4);
        assertThat(control.unhealthy()).isEqualTo(74);
        assertThat(BigDecimal.valueOf(control.score()).setScale(2, RoundingMode.HALF_UP)).isEqualByComparingTo("0.31");
        assertThat(control.potentialIncrease()).isCloseTo(6 - 6.0 * 4 / 78, within(1e-9));
    }

    @Test
    void resourceIsHealthyOnlyWhenAllFindingsOfTheControlPass() {
        List<Finding> findings = List.of(
                finding("a", "enable-encryption-at-rest", "r1", Status.PASS),
                finding("b", "enable-encryption-at-rest", "r1", Status.FAIL),
                finding("a", "enable-encryption-at-rest", "r2", Status.PASS),
                finding("b", "enable-encryption-at-rest", "r2", Status.PASS));
        ControlScore c = calculator.scope("overall", "", findings).controls().get(0);
        assertThat(c.healthy()).isEqualTo(1);
        assertThat(c.unhealthy()).isEqualTo(1);
        assertThat(c.score()).isEqualTo(2.0);
    }

    @Test
    void overallIsSumOfScoresOverSumOfMaxAndUnassessedControlsAreLeftOut() {
        List<Finding> findings = List.of(
                finding("mfa", "enable-mfa", "u1", Status.PASS),          // 10/10
                finding("mfa", "enable-mfa", "u2", Status.FAIL),          // -> 5/10
                finding("ports", "secure-management-ports", "sg1", Status.FAIL)); // 0/8
        ScopeScore s = calculator.scope("overall", "", findings);
        assertThat(s.score()).isEqualTo(5.0);
        assertThat(s.maxScore()).isEqualTo(18.0);
        assertThat(s.percent()).isCloseTo(100.0 * 5 / 18, within(1e-9));
        assertThat(s.controls()).extracting(ControlScore::controlId)
                .containsExactlyInAnyOrder("enable-mfa", "secure-management-ports");
    }

    @Test
    void errorNeverCountsAsHealthy() {
        List<Finding> findings = List.of(
                finding("a", "enable-encryption-at-rest", "r1", Status.ERROR),
                finding("a", "enable-encryption-at-rest", "r2", Status.PASS),
                finding("a", "enable-encryption-at-rest", "r3", Status.FAIL),
                finding("b", "enable-encryption-at-rest", "r3", Status.ERROR));
        ControlScore c = calculator.scope("overall", "", findings).controls().get(0);
        assertThat(c.healthy()).isEqualTo(1);
        assertThat(c.unhealthy()).isEqualTo(1);
        assertThat(c.undecided()).isEqualTo(1);
    }

    @Test
    void scopeWithOnlyErrorsOrZeroPointControlsHasNoPercent() {
        assertThat(calculator.scope("overall", "", List.of(finding("a", "enable-mfa", "r", Status.ERROR))).percent()).isNull();
        assertThat(calculator.scope("overall", "", List.of(finding("a", "security-best-practices", "r", Status.FAIL))).percent()).isNull();
        assertThat(calculator.scope("overall", "", List.of()).percent()).isNull();
    }

    @Test
    void scoresPerProviderAndAccountAndRecommendationsRankedByPotentialIncrease() {
        List<Finding> findings = List.of(
                finding("mfa", "enable-mfa", Provider.AWS, "1", "u1", Status.FAIL),
                finding("mfa", "enable-mfa", Provider.AWS, "1", "u2", Status.PASS),
                finding("logs", "auditing-and-logging", Provider.AZURE, "s", "a1", Status.FAIL),
                finding("logs", "auditing-and-logging", Provider.AZURE, "s", "a2", Status.FAIL));
        ScoreReport report = calculator.compute(findings, null);
        assertThat(report.byProvider()).extracting(ScopeScore::id).containsExactly("aws", "azure");
        assertThat(report.byAccount()).extracting(ScopeScore::id).containsExactly("aws:1", "azure:s");
        assertThat(report.byProvider().get(0).percent()).isEqualTo(50.0);
        assertThat(report.byProvider().get(1).percent()).isEqualTo(0.0);
        // mfa: 10 / 2 resources × 1 unhealthy = 5 points; logs: 1 / 2 × 2 = 1 point
        assertThat(report.recommendations()).extracting(Recommendation::ruleId).containsExactly("mfa", "logs");
        assertThat(report.recommendations().get(0).potentialIncrease()).isEqualTo(5.0);
        assertThat(report.recommendations().get(1).potentialIncrease()).isEqualTo(1.0);
        assertThat(report.recommendations().get(0).potentialIncreasePercent()).isCloseTo(100.0 * 5 / 11, within(1e-9));
    }
}
