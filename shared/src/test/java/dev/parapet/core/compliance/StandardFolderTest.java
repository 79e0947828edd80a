package dev.parapet.core.compliance;

import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.ResourceRef;
import dev.parapet.core.model.Severity;
import dev.parapet.core.model.Status;
import dev.parapet.core.rules.RuleCatalog;
import dev.parapet.core.rules.RuleProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StandardFolderTest {
    private static final String TEAM_RULE = """
            id: team-bucket-tagged
            title: Buckets carry an owner tag
            provider: aws
            resourceTypes: [AWS::S3::Bucket]
            severity: LOW
            control: auditing-and-logging
            compliance:
              ACME-1: ["T-1"]
            expression: has(resource.tags.owner)
            """;

    private static final String ACME = """
            id: ACME-1
            title: Acme baseline
            version: "1"
            provider: aws
            requirements:
              - {id: "T-1", section: Tags, assessment: automated}
              - {id: "S-1", section: Storage, assessment: automated, rules: [team-bucket-tagged]}
              - {id: "M-1", section: People, assessment: manual}
            """;

    @Test
    void aCustomStandardLoadsBesideTheBuiltInOnesAndRulesMayCiteIt(@TempDir Path dir) throws IOException {
        Path standards = Files.createDirectories(dir.resolve("standards"));
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(standards.resolve("acme.yaml"), ACME);
        Files.writeString(rules.resolve("tagged.yaml"), TEAM_RULE);

        StandardFolder.Loaded loaded = StandardFolder.load(Standards.builtIn(), List.of(standards));
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.standards().get("CIS-AWS-7.0.0")).isPresent();
        Standard acme = loaded.standards().get("ACME-1").orElseThrow();
        assertThat(acme.requirements()).extracting(Requirement::id).containsExactly("T-1", "S-1", "M-1");
        assertThat(acme.requirements().get(2).automated()).isFalse();

        // the rule cites ACME-1 T-1 itself; the standard maps S-1 to it from its side
        RuleCatalog.Loaded catalog = RuleCatalog.load(loaded.standards(), false, List.of(rules));
        assertThat(catalog.problems()).isEmpty();
        StandardFolder.Mapped mapped = loaded.mapRules(catalog.rules(), true);
        assertThat(mapped.problems()).isEmpty();
        assertThat(mapped.rules().byId("team-bucket-tagged").orElseThrow().rule().compliance())
                .containsEntry("ACME-1", List.of("T-1", "S-1"));

        Finding failing = new Finding("team-bucket-tagged", "t", Severity.LOW, Status.FAIL,
                new ResourceRef(Provider.AWS, "arn:aws:s3:::b", "AWS::S3::Bucket", "1", "us-east-1", "b"),
                "auditing-and-logging", Map.of(), Map.of(), Instant.EPOCH);
        StandardResult result = ComplianceCalculator.compute(new Standards(List.of(acme)), mapped.rules(),
                List.of(failing)).get(0);
        assertThat(result.requirements()).extracting(RequirementResult::status)
                .containsExactly(RequirementResult.FAILED, RequirementResult.FAILED, RequirementResult.NOT_ASSESSED);
    }

    @Test
    void withoutTheStandardARuleCitingItDoesNotLoad(@TempDir Path rules) throws IOException {
        Files.writeString(rules.resolve("tagged.yaml"), TEAM_RULE);
        assertThat(RuleCatalog.load(false, List.of(rules)).problems()).extracting(RuleProblem::message)
                .anySatisfy(m -> assertThat(m).contains("unknown standard 'ACME-1'"));
    }

    @Test
    void malformedStandardsAreNamedWithWhatIsWrongAndTheRestLoads(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a-good.yaml"), ACME);
        Files.writeString(dir.resolve("b-number.yaml"), ACME.replace("ACME-1", "ACME-2").replace("\"T-1\"", "2.10"));
        Files.writeString(dir.resolve("c-builtin.yaml"), ACME.replace("ACME-1", "CIS-AWS-7.0.0"));
        Files.writeString(dir.resolve("d-again.yml"), ACME);
        Files.writeString(dir.resolve("e-empty.yaml"), "id: ACME-5\ntitle: t\nrequirements: []\n");
        Files.writeString(dir.resolve("f-assessment.yaml"), ACME.replace("ACME-1", "ACME-6").replace("manual", "by hand"));
        Files.writeString(dir.resolve("g-twice.yaml"), ACME.replace("ACME-1", "ACME-7").replace("\"S-1\"", "\"T-1\""));
        Files.writeString(dir.resolve("h-yaml.yaml"), "id: [unclosed\n");
        Files.writeString(dir.resolve("i-list.yaml"), "- id: ACME-9\n");
        Files.writeString(dir.resolve("notes.txt"), "not a standard");

        StandardFolder.Loaded loaded = StandardFolder.load(Standards.builtIn(), List.of(dir, dir.resolve("missing")));
        assertThat(loaded.standards().get("ACME-1")).isPresent();
        assertThat(loaded.problems()).extracting(p -> p.file().substring(p.file().lastIndexOf('/') + 1) + ": " + p.message().split("\n")[0])
                .containsExactly(
                        "b-number.yaml: requirements[0]: 'id' is the number 2.1: quote it (\"2.1\"), YAML reads 2.10 as 2.1",
                        "c-builtin.yaml: standard 'CIS-AWS-7.0.0' is already defined by the built-in standards",
                        "d-again.yml: standard 'ACME-1' is already defined by " + dir.resolve("a-good.yaml"),
                        "e-empty.yaml: 'requirements' must be a list of at least one {id, section, assessment}",
                        "f-assessment.yaml: requirement M-1: assessment 'by hand' is not automated or manual",
                        "g-twice.yaml: requirement T-1 is listed twice",
                        "h-yaml.yaml: not valid YAML at line 1: while parsing a flow sequence",
                        "i-list.yaml: a standard must be a mapping with id, title and requirements",
                        "missing: standards folder does not exist or is not a directory");
    }

    @Test
    void aRequirementNamingARuleNotInTheWholeCatalogIsAProblem(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.yaml"), ACME);
        StandardFolder.Loaded loaded = StandardFolder.load(Standards.builtIn(), List.of(dir));
        RuleCatalog.Loaded builtIn = RuleCatalog.load(loaded.standards(), true, List.of());
        assertThat(loaded.mapRules(builtIn.rules(), true).problems()).extracting(RuleProblem::message)
                .containsExactly("requirement S-1 of ACME-1 names rule 'team-bucket-tagged', which is not loaded");
        // a run without the whole catalog (--no-builtin-rules, rules test) may lack the rule: the mapping waits
        assertThat(loaded.mapRules(RuleCatalog.load(loaded.standards(), false, List.of()).rules(), false).problems())
                .isEmpty();
    }
}
