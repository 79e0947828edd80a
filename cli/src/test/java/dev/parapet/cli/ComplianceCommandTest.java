package dev.parapet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

class ComplianceCommandTest {
    @TempDir
    static Path dir;
    static String rules;
    static Path mixed;
    static Path closed;

    @BeforeAll
    static void inputs() throws Exception {
        rules = Path.of(ComplianceCommandTest.class.getResource("/test-rules").toURI()).toString();
        mixed = dir.resolve("mixed");
        Files.createDirectories(mixed);
        Files.writeString(mixed.resolve("open.json"), S3Docs.open("acme-public"));
        Files.writeString(mixed.resolve("closed.json"), S3Docs.closed("acme-private"));
        closed = dir.resolve("closed");
        Files.createDirectories(closed);
        Files.writeString(closed.resolve("closed.json"), S3Docs.closed("acme-private"));
    }

    private static CliRun compliance(String... args) {
        List<String> all = new ArrayList<>(List.of("compliance", "--no-builtin-rules", "--rules", rules, "-q"));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static JsonNode requirement(JsonNode root, String id) {
        return StreamSupport.stream(root.path("standard").path("requirements").spliterator(), false)
                .filter(r -> r.path("id").asText().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aFailingResourceFailsItsRequirementAndIsNamed() throws IOException {
        CliRun run = compliance("--standard", "CIS-AWS-7.0.0", "-i", mixed.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILED_THRESHOLD);
        JsonNode root = Json.MAPPER.readTree(run.out());
        JsonNode req = requirement(root, "3.1.4");
        assertThat(req.path("status").asText()).isEqualTo("FAILED");
        assertThat(req.path("rules").get(0).asText()).isEqualTo(S3Docs.RULE);
        assertThat(req.path("failing")).hasSize(1);
        assertThat(req.path("failing").get(0).path("id").asText()).isEqualTo(S3Docs.arn("acme-public"));
        assertThat(req.path("passed").asInt()).isEqualTo(1);
        // an automated requirement no loaded rule maps to, and one a person must judge
        assertThat(requirement(root, "2.4").path("reason").asText()).isEqualTo("no rule");
        assertThat(requirement(root, "2.1.1").path("reason").asText()).isEqualTo("manual");
        JsonNode summary = root.path("summary");
        assertThat(summary.path("failed").asInt()).isEqualTo(1);
        assertThat(summary.path("passed").asInt()).isZero();
        assertThat(summary.path("passed").asInt() + summary.path("failed").asInt() + summary.path("notAssessed").asInt()
                + summary.path("manual").asInt()).isEqualTo(summary.path("requirements").asInt());
        assertThat(root.path("source").path("kind").asText()).isEqualTo("inputs");
        assertThat(root.path("source").path("resources").asInt()).isEqualTo(2);
    }

    @Test
    void theTableShowsEveryKindOfStatusWithItsReasonAndTheFailingResources() {
        CliRun run = compliance("--standard", "CIS-AWS-7.0.0", "-i", mixed.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED_THRESHOLD);
        assertThat(run.out()).contains("CIS Amazon Web Services Foundations Benchmark 7.0.0 (CIS-AWS-7.0.0)")
                .containsPattern("0 passed, 1 failed, \\d+ not assessed, \\d+ manual")
                .containsPattern("3\\.1\\.4 +FAILED +3 Storage +" + S3Docs.RULE + " +1 failing resource, 1 passing finding")
                .containsPattern("2\\.4 +NOT ASSESSED .* no rule")
                .containsPattern("2\\.1\\.1 +MANUAL ")
                .contains("Failing resources")
                .containsPattern("3\\.1\\.4 +" + S3Docs.arn("acme-public") + " +AWS::S3::Bucket +111122223333 +us-east-1");
    }

    @Test
    void aRequirementPassesOnlyOnPassingEvidence() throws IOException {
        CliRun passing = compliance("--standard", "CIS-AWS-7.0.0", "-i", closed.toString(), "--format", "json");
        assertThat(passing.exitCode()).isEqualTo(ExitCodes.OK);
        JsonNode req = requirement(Json.MAPPER.readTree(passing.out()), "3.1.4");
        assertThat(req.path("status").asText()).isEqualTo("PASSED");
        assertThat(req.path("passed").asInt()).isEqualTo(1);

        // no resource the rule judges: not assessed, never passed
        Path azure = dir.resolve("azure.json");
        Files.writeString(azure, """
                {"id":"/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acme",
                 "name":"acme","type":"Microsoft.Storage/storageAccounts","location":"westeurope","properties":{}}""");
        CliRun empty = compliance("--standard", "CIS-AWS-7.0.0", "-i", azure.toString(), "--format", "json");
        assertThat(empty.exitCode()).as(empty.err()).isEqualTo(ExitCodes.OK);
        req = requirement(Json.MAPPER.readTree(empty.out()), "3.1.4");
        assertThat(req.path("status").asText()).isEqualTo("NOT_ASSESSED");
        assertThat(req.path("reason").asText()).isEqualTo("no resources in scope");

        // the rule cannot read the document: not assessed, never passed
        Path unreadable = dir.resolve("unreadable.json");
        Files.writeString(unreadable, S3Docs.unreadable("acme-odd"));
        CliRun undecided = compliance("--standard", "AWS-FSBP", "-i", unreadable.toString(), closed.toString());
        assertThat(undecided.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(undecided.out()).containsPattern("S3\\.8 +NOT ASSESSED .* rules could not decide \\(1 finding ERROR\\)");
    }

    @Test
    void theStoreGivesTheSameResultAsTheInputsItWasWrittenFrom() throws IOException {
        Path db = dir.resolve("store/parapet.db");
        assertThat(CliRun.of("assess", "--no-builtin-rules", "--rules", rules, "-i", mixed.toString(), "-q",
                "--store", "sqlite:" + db).exitCode()).isEqualTo(ExitCodes.OK);
        CliRun fromStore = compliance("--standard", "CIS-AWS-7.0.0", "--store", "sqlite:" + db, "--format", "json");
        CliRun fromInputs = compliance("--standard", "CIS-AWS-7.0.0", "-i", mixed.toString(), "--format", "json");
        assertThat(fromStore.exitCode()).as(fromStore.err()).isEqualTo(ExitCodes.FAILED_THRESHOLD);
        JsonNode stored = Json.MAPPER.readTree(fromStore.out());
        assertThat(stored.path("source").path("kind").asText()).isEqualTo("store");
        assertThat(stored.path("source").path("findings").asInt()).isEqualTo(2);
        assertThat(stored.path("standard")).isEqualTo(Json.MAPPER.readTree(fromInputs.out()).path("standard"));

        // the bucket is fixed and assessed again: the store's current findings pass the requirement
        Files.writeString(dir.resolve("fixed.json"), S3Docs.closed("acme-public").replace("2026-03-01", "2026-03-02"));
        assertThat(CliRun.of("assess", "--no-builtin-rules", "--rules", rules, "-i", closed.toString(),
                dir.resolve("fixed.json").toString(), "-q", "--store", "sqlite:" + db).exitCode()).isEqualTo(ExitCodes.OK);
        JsonNode after = Json.MAPPER.readTree(compliance("--standard", "CIS-AWS-7.0.0", "--store", "sqlite:" + db,
                "--format", "json").out());
        assertThat(requirement(after, "3.1.4").path("status").asText()).isEqualTo("PASSED");
        assertThat(requirement(after, "3.1.4").path("passed").asInt()).isEqualTo(2);
    }

    @Test
    void aMistypedStorePathIsAnErrorAndCreatesNothing() {
        Path missing = dir.resolve("nowhere/none.db");
        CliRun run = compliance("--standard", "MCSB", "--store", "sqlite:" + missing);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.RUNTIME);
        assertThat(run.err()).contains("no store at " + missing);
        assertThat(missing.getParent()).doesNotExist();
    }

    @Test
    void theBundledDemoEstatesAwsAccountsNeverPassARequirementWithoutEvidence() throws Exception {
        Path demo = Path.of(ComplianceCommandTest.class.getResource("/parapet/demo/aws").toURI());
        Path out = dir.resolve("demo/cis-aws.json");
        CliRun run = CliRun.of("compliance", "--standard", "CIS-AWS-7.0.0", "-i", demo.toString(), "-q",
                "--format", "json", "--output", out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILED_THRESHOLD);
        assertThat(run.out()).isEmpty();
        JsonNode root = Json.MAPPER.readTree(out.toFile());
        int passed = 0;
        int failed = 0;
        for (JsonNode r : root.path("standard").path("requirements")) {
            switch (r.path("status").asText()) {
                case "PASSED" -> {
                    passed++;
                    assertThat(r.path("passed").asInt()).as(r.toString()).isPositive();
                    assertThat(r.path("failed").asInt() + r.path("errors").asInt()).as(r.toString()).isZero();
                }
                case "FAILED" -> {
                    failed++;
                    assertThat(r.path("failing")).as(r.toString()).isNotEmpty();
                }
                default -> assertThat(r.path("reason").asText()).as(r.toString()).isNotEmpty();
            }
        }
        // the estate is built to fail some controls and pass others (SampleEstate)
        assertThat(passed).isPositive();
        assertThat(failed).isPositive();
        // a Level 1 manual requirement stays manual whatever the estate
        assertThat(requirement(root, "2.2").path("reason").asText()).isEqualTo("manual");
    }

    @Test
    void aCustomStandardFromAFolderIsJudgedByTheRulesItNames(@TempDir Path standards) throws IOException {
        Files.writeString(standards.resolve("acme.yaml"), """
                id: ACME-BASELINE
                title: Acme cloud baseline
                version: "2026.1"
                provider: aws
                requirements:
                  - {id: "S-1", section: "Storage", assessment: automated, rules: [test-s3-bucket-public-access-block]}
                  - {id: "S-2", section: "Storage", assessment: automated}
                  - {id: "P-1", section: "People", assessment: manual}
                """);
        CliRun run = compliance("--standards", standards.toString(), "--standard", "ACME-BASELINE",
                "-i", mixed.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILED_THRESHOLD);
        assertThat(run.out()).contains("Acme cloud baseline 2026.1 (ACME-BASELINE): 3 requirements")
                .containsPattern("S-1 +FAILED +Storage +" + S3Docs.RULE)
                .containsPattern("S-2 +NOT ASSESSED .* no rule")
                .containsPattern("P-1 +MANUAL");
        assertThat(compliance("--standards", standards.toString(), "--standard", "ACME-BASELINE",
                "-i", closed.toString()).out()).containsPattern("S-1 +PASSED");
    }

    @Test
    void theAuthoringGuidesStandardUsesBuiltInRulesAndTheTeamRuleOnTheDemoEstate() throws Exception {
        Path demo = Path.of(ComplianceCommandTest.class.getResource("/parapet/demo/aws").toURI());
        CliRun run = CliRun.of("compliance", "--standard", "ACME-BASELINE-2026", "--rules", "../docs/examples/rules",
                "--standards", "../docs/examples/standards", "-i", demo.toString(), "-q", "--format", "json");
        assertThat(run.err()).isEmpty();
        JsonNode root = Json.MAPPER.readTree(run.out());
        assertThat(requirement(root, "TAG-1").path("rules").toString()).isEqualTo("[\"acme-s3-bucket-team-tag\"]");
        assertThat(requirement(root, "S3-1").path("rules").toString())
                .isEqualTo("[\"aws-s3-account-public-access-block\",\"aws-s3-bucket-public-access-block\"]");
        // the estate has buckets: the built-in rules the standard names decide the requirement
        assertThat(requirement(root, "S3-1").path("status").asText()).isIn("PASSED", "FAILED");
        assertThat(requirement(root, "S3-2").path("passed").asInt() + requirement(root, "S3-2").path("failed").asInt())
                .isPositive();
        assertThat(requirement(root, "ORG-1").path("reason").asText()).isEqualTo("manual");
    }

    @Test
    void badInputsAreNamedTheRestIsJudgedAndTheExitCodeIsTwo() throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"resourceType\": ");
        CliRun run = compliance("--standard", "CIS-AWS-7.0.0", "-i", mixed.toString(), broken.toString(),
                "--format", "json");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains(broken + ": not valid JSON");
        JsonNode root = Json.MAPPER.readTree(run.out());
        assertThat(root.path("source").path("inputProblems")).hasSize(1);
        assertThat(requirement(root, "3.1.4").path("status").asText()).isEqualTo("FAILED");
    }

    @Test
    void usageErrorsSayWhatIsWrong() {
        CliRun unknown = compliance("--standard", "CIS-AWS-1.0.0", "-i", mixed.toString());
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("unknown standard 'CIS-AWS-1.0.0'").contains("CIS-AWS-7.0.0");
        CliRun both = compliance("--standard", "MCSB", "-i", mixed.toString(), "--store", "sqlite:x.db");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("give --input or --store, not both");
        // ids are matched without regard to case
        assertThat(compliance("--standard", "cis-aws-7.0.0", "-i", closed.toString()).exitCode()).isEqualTo(ExitCodes.OK);
    }
}
