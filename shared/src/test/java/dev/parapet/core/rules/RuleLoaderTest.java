package dev.parapet.core.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RuleLoaderTest {
    private static final String GOOD = """
            id: custom-s3-versioning
            title: Buckets keep versions
            provider: aws
            resourceTypes: [AWS::S3::Bucket]
            severity: MEDIUM
            control: remediate-security-configurations
            compliance:
              AWS-FSBP: [S3.14]
            expression: resource.supplementaryConfiguration.BucketVersioningConfiguration.status == "Enabled"
            """;

    private static RuleLoader.Result load(String yaml) {
        return new RuleLoader(Set.of("remediate-security-configurations", "enable-mfa"))
                .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "rules/x.yaml");
    }

    @Test
    void aRuleThatDoesNotCompileIsReportedWithFileIdAndCelErrorWhileOthersLoad() {
        String yaml = GOOD + """
                ---
                id: broken-rule
                title: Broken
                provider: aws
                resourceTypes: [AWS::S3::Bucket]
                severity: LOW
                control: enable-mfa
                expression: resource.configuration.name ==
                ---
                id: wrong-type
                title: Not boolean
                provider: aws
                resourceTypes: [AWS::S3::Bucket]
                severity: LOW
                control: enable-mfa
                expression: '"text"'
                """;
        RuleLoader.Result r = load(yaml);
        assertThat(r.rules()).extracting(CompiledRule::id).containsExactly("custom-s3-versioning");
        assertThat(r.problems()).hasSize(2);
        RuleProblem broken = r.problems().get(0);
        assertThat(broken.file()).isEqualTo("rules/x.yaml");
        assertThat(broken.ruleId()).isEqualTo("broken-rule");
        assertThat(broken.message()).startsWith("expression does not compile").contains("ERROR: <input>:1:");
        assertThat(r.problems().get(1).ruleId()).isEqualTo("wrong-type");
        assertThat(r.problems().get(1).message()).contains("must be boolean");
    }

    @Test
    void missingAndInvalidFieldsAreNamed() {
        assertThat(load("id: x-rule\ntitle: t\nprovider: aws\nresourceTypes: [T]\nseverity: LOW\ncontrol: enable-mfa\n")
                .problems().get(0).message()).isEqualTo("'expression' is required");
        assertThat(load(GOOD.replace("severity: MEDIUM", "severity: SEVERE")).problems().get(0).message())
                .contains("unknown severity 'SEVERE'");
        assertThat(load(GOOD.replace("provider: aws", "provider: oracle")).problems().get(0).message())
                .contains("unknown provider 'oracle'");
        assertThat(load(GOOD.replace("control: remediate-security-configurations", "control: be-safe")).problems().get(0).message())
                .contains("control 'be-safe' is not a secure-score control");
        assertThat(load(GOOD + "extra: 1\n").problems().get(0).message()).contains("unknown field 'extra'");
        assertThat(load(GOOD.replace("[S3.14]", "[2.10]")).problems().get(0).message()).contains("quote requirement ids");
        assertThat(load(GOOD.replace("id: custom-s3-versioning", "id: Bad Id!")).problems().get(0).message())
                .contains("must be 3-100 characters");
    }

    @Test
    void invalidYamlIsReportedWithItsLine() {
        RuleLoader.Result r = load("id: a\n  title: [unclosed\n");
        assertThat(r.rules()).isEmpty();
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.message()).startsWith("not valid YAML"));
    }

    @Test
    void unknownStandardOrRequirementIsAProblemWhenStandardsAreKnown() {
        RuleLoader loader = new RuleLoader(Set.of("remediate-security-configurations"),
                java.util.Map.of("AWS-FSBP", Set.of("S3.14")));
        assertThat(loader.load(new ByteArrayInputStream(GOOD.getBytes(StandardCharsets.UTF_8)), "a").problems()).isEmpty();
        String typo = GOOD.replace("S3.14", "S3.99");
        assertThat(loader.load(new ByteArrayInputStream(typo.getBytes(StandardCharsets.UTF_8)), "a").problems().get(0).message())
                .isEqualTo("AWS-FSBP has no requirement 'S3.99'");
        String unknown = GOOD.replace("AWS-FSBP:", "PCI:");
        assertThat(loader.load(new ByteArrayInputStream(unknown.getBytes(StandardCharsets.UTF_8)), "a").problems().get(0).message())
                .startsWith("compliance names unknown standard 'PCI'");
    }

    @Test
    void userFoldersAddRulesAndReplaceBuiltInsWithTheSameId(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("mine.yaml"), GOOD);
        Files.writeString(dir.resolve("override.yml"), """
                id: aws-s3-bucket-public-access-block
                title: Our stricter public access rule
                provider: aws
                resourceTypes: [AWS::S3::Bucket]
                severity: CRITICAL
                control: restrict-unauthorized-network-access
                expression: "false"
                """);
        Files.writeString(dir.resolve("notes.txt"), "not a rule");
        RuleCatalog.Loaded loaded = RuleCatalog.load(true, List.of(dir));
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.rules().byId("custom-s3-versioning")).isPresent();
        assertThat(loaded.rules().byId("aws-s3-bucket-public-access-block").orElseThrow().rule().severity().name())
                .isEqualTo("CRITICAL");
        assertThat(loaded.overridden()).singleElement().asString().contains("aws-s3-bucket-public-access-block");
    }

    @Test
    void duplicateIdsInOneSourceAndMissingFoldersAreProblems(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), GOOD);
        Files.writeString(dir.resolve("b.yaml"), GOOD);
        RuleCatalog.Loaded loaded = RuleCatalog.load(false, List.of(dir, dir.resolve("missing")));
        assertThat(loaded.rules().size()).isEqualTo(1);
        assertThat(loaded.problems()).extracting(RuleProblem::message)
                .anySatisfy(m -> assertThat(m).startsWith("duplicate rule id"))
                .anySatisfy(m -> assertThat(m).contains("does not exist"));
    }
}
