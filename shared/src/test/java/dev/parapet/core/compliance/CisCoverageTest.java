package dev.parapet.core.compliance;

import dev.parapet.core.rules.CompiledRule;
import dev.parapet.core.rules.RuleCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every CIS requirement the benchmark marks Automated is either decided by a built-in rule or recorded in the
 * standard's data file as not assessable, with the reason; never both, so the reason cannot go stale.
 */
class CisCoverageTest {
    private static List<CompiledRule> rules;
    private static Standards standards;

    @BeforeAll
    static void load() {
        RuleCatalog.Loaded loaded = RuleCatalog.load(true, List.of());
        assertThat(loaded.problems()).isEmpty();
        rules = loaded.rules().all();
        standards = Standards.builtIn();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CIS-AWS-7.0.0", "CIS-Azure-6.0.0", "CIS-GCP-5.0.0"})
    void everyAutomatedRequirementHasARuleOrANotAssessableReason(String standardId) {
        Standard standard = standards.get(standardId).orElseThrow();
        Set<String> cited = new HashSet<>();
        rules.forEach(r -> cited.addAll(r.rule().compliance().getOrDefault(standardId, List.of())));
        List<String> uncovered = standard.requirements().stream()
                .filter(r -> r.automated() && !r.isNotAssessable() && !cited.contains(r.id()))
                .map(Requirement::id).toList();
        assertThat(uncovered).as("Automated requirements of %s with neither a rule nor a notAssessable reason", standardId)
                .isEmpty();
        List<String> contradictory = standard.requirements().stream()
                .filter(r -> r.isNotAssessable() && cited.contains(r.id())).map(Requirement::id).toList();
        assertThat(contradictory).as("requirements of %s marked not assessable although a rule cites them", standardId)
                .isEmpty();
    }
}
