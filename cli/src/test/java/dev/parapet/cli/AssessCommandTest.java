package dev.parapet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AssessCommandTest {
    @TempDir
    static Path dir;
    static Path good;
    static String rules;

    @BeforeAll
    static void estate() throws Exception {
        rules = Path.of(AssessCommandTest.class.getResource("/test-rules").toURI()).toString();
        good = dir.resolve("estate");
        Files.createDirectories(good.resolve("nested"));
        Files.writeString(good.resolve("open-bucket.json"), """
                {"configurationItemStatus":"OK","awsAccountId":"111122223333","resourceType":"AWS::S3::Bucket",
                 "resourceId":"acme-public","ARN":"arn:aws:s3:::acme-public","awsRegion":"us-east-1",
                 "configurationItemCaptureTime":"2026-03-01T00:00:00Z","configuration":{"name":"acme-public"},
                 "supplementaryConfiguration":{}}""");
        Files.writeString(good.resolve("nested/closed-bucket.jsonl"), """
                {"configurationItemStatus":"OK","awsAccountId":"111122223333","resourceType":"AWS::S3::Bucket","resourceId":"acme-private","ARN":"arn:aws:s3:::acme-private","awsRegion":"us-east-1","configurationItemCaptureTime":"2026-03-01T00:00:00Z","configuration":{"name":"acme-private"},"supplementaryConfiguration":{"PublicAccessBlockConfiguration":"{\\"blockPublicAcls\\":true,\\"ignorePublicAcls\\":true,\\"blockPublicPolicy\\":true,\\"restrictPublicBuckets\\":true}"}}
                """);
        Files.writeString(good.resolve("readme.txt"), "ignored: not an input file");
    }

    @Test
    void jsonReportFollowsTheDocumentedShape() throws IOException {
        Path report = dir.resolve("out/report.json");
        CliRun run = CliRun.of("assess", "--no-builtin-rules", "--rules", rules, "--input", good.toString(), "--format", "json", "--output", report.toString(), "-q");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode root = Json.MAPPER.readTree(report.toFile());
        assertThat(root.path("scan").path("resources").asInt()).isEqualTo(2);
        // findings are ordered by provider, account, resource id, rule: acme-private before acme-public
        assertThat(root.path("findings").get(0).path("status").asText()).isEqualTo("PASS");
        JsonNode failing = root.path("findings").get(1);
        assertThat(failing.path("ruleId").asText()).isEqualTo("test-s3-bucket-public-access-block");
        assertThat(failing.path("status").asText()).isEqualTo("FAIL");
        assertThat(failing.path("severity").asText()).isEqualTo("HIGH");
        assertThat(failing.path("resource").path("id").asText()).isEqualTo("arn:aws:s3:::acme-public");
        assertThat(failing.path("resource").path("provider").asText()).isEqualTo("aws");
        assertThat(failing.path("compliance").path("AWS-FSBP").get(0).asText()).isEqualTo("S3.8");
        assertThat(failing.path("evidence").path("publicAccessBlock").asText()).isEqualTo("not configured");
        assertThat(root.path("score").path("overall").path("percent").asDouble()).isEqualTo(50.0);
        assertThat(root.path("compliance")).isNotEmpty();
    }

    @Test
    void badInputsAreNamedOnStderrTheRestIsAssessedAndTheExitCodeIsTwo() throws IOException {
        Path notJson = dir.resolve("broken.json");
        Files.writeString(notJson, "{\"resourceType\": ");
        Path unknown = dir.resolve("unknown.json");
        Files.writeString(unknown, "{\"hello\":\"world\"}");
        CliRun run = CliRun.of("assess", "--no-builtin-rules", "--rules", rules, "-i", good.toString(), notJson.toString(), unknown.toString(),
                dir.resolve("nope.json").toString(), "--format", "json");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains(notJson + ": not valid JSON")
                .contains(unknown + ": not a recognised format")
                .contains("nope.json: no such file or directory");
        assertThat(Json.MAPPER.readTree(run.out()).path("findings")).hasSize(2);
        assertThat(Json.MAPPER.readTree(run.out()).path("scan").path("inputProblems")).hasSize(3);
    }

    @Test
    void failOnSetsExitCodeOneOnlyAtOrAboveTheSeverity() {
        assertThat(CliRun.of("assess", "--no-builtin-rules", "--rules", rules, "-i", good.toString(), "--fail-on", "HIGH", "-q").exitCode()).isEqualTo(ExitCodes.FAILED_THRESHOLD);
        assertThat(CliRun.of("assess", "--no-builtin-rules", "--rules", rules, "-i", good.toString(), "--fail-on", "critical", "-q").exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aBrokenUserRuleIsReportedAndTheOthersStillRun(@TempDir Path rules) throws IOException {
        Files.writeString(rules.resolve("bad.yaml"), """
                id: team-bad
                title: Bad
                provider: aws
                resourceTypes: [AWS::S3::Bucket]
                severity: LOW
                control: enable-mfa
                expression: resource.configuration.name.startsWith(
                """);
        CliRun run = CliRun.of("assess", "--no-builtin-rules", "--rules", AssessCommandTest.rules, "-i", good.toString(), "--rules", rules.toString(), "--format", "json");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("bad.yaml rule team-bad: expression does not compile");
        assertThat(run.out()).contains("test-s3-bucket-public-access-block");
    }

    @Test
    void usageErrorsHaveTheirOwnExitCode() {
        CliRun run = CliRun.of("assess");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Missing required option");
        assertThat(CliRun.of("assess", "--no-builtin-rules", "--rules", rules, "-i", good.toString(), "--fail-on", "SEVERE").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void tableOutputShowsScoreAndFailures() {
        CliRun run = CliRun.of("assess", "--no-builtin-rules", "--rules", rules, "-i", good.toString());
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).contains("Secure score: 50%").contains("arn:aws:s3:::acme-public");
        assertThat(run.err()).contains("read 2 resources from 2 files");
    }

    @Test
    void rulesValidateReportsProblems(@TempDir Path rules) throws IOException {
        Files.writeString(rules.resolve("r.yaml"), "id: x\n");
        CliRun run = CliRun.of("rules", "validate", "--rules", rules.toString(), "--no-builtin-rules");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("r.yaml");
        assertThat(CliRun.of("rules", "list").out()).contains("aws-s3-bucket-public-access-block");
    }
}
