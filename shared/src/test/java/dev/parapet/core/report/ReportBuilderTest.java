package dev.parapet.core.report;

import dev.parapet.core.store.ScoreSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ReportBuilderTest {

    @Test
    void changesCompareTheComputedScoreWithThePreviousPointOfEachScope() {
        ReportModel m = ReportFixture.model();
        assertThat(m.changes()).extracting(ScoreChange::label).containsExactly("overall", "aws", "azure", "gcp");
        ScoreChange overall = m.changes().get(0);
        assertThat(overall.percent()).isCloseTo(100 * (4.0 / 3 + 0 + 10.0 / 3 + 2 + 4) / 26, within(1e-9));
        assertThat(overall.previousPercent()).isEqualTo(55.0);
        assertThat(overall.change()).isCloseTo(overall.percent() - 55.0, within(1e-9));
        assertThat(m.changes().get(3).change()).isCloseTo(0.0, within(1e-9)); // gcp 50 → 50
    }

    @Test
    void aScopeWithoutAPreviousPointHasNoChange() {
        var rules = ReportFixture.rules();
        ReportInputs in = ReportFixture.inputs(rules);
        ReportInputs noHistory = new ReportInputs(in.generatedAt(), in.scans(), in.findings(), in.outOfScope(),
                List.of(), Map.<String, ScoreSnapshot>of(), in.delta());
        ReportModel m = ReportFixture.builder(rules).assemble(noHistory);
        assertThat(m.changes()).allSatisfy(c -> {
            assertThat(c.previousPercent()).isNull();
            assertThat(c.change()).isNull();
        });
    }

    @Test
    void remediationComesFromTheRulesOfTheFindings() {
        ReportModel m = ReportFixture.model();
        assertThat(m.remediation()).containsEntry("aws-ec2-imdsv2", "Set HttpTokens to required.")
                .containsKey("aws-cloudtrail-kms").hasSize(6);
        assertThat(m.score().recommendations().get(0).remediation()).isEqualTo("Enable an MFA device for the user.");
    }

    @Test
    void historyWindowMustBeAtLeastADay() {
        assertThatThrownBy(() -> new ReportBuilder(ReportFixture.rules(), null, null, Clock.systemUTC(), 0))
                .hasMessageContaining("at least 1");
    }
}
