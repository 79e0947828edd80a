package dev.parapet.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RulesTestCommandTest {
    @TempDir
    Path rules;
    Path examples;

    @BeforeEach
    void ruleWithExamples() throws Exception {
        Path frozen = Path.of(RulesTestCommandTest.class.getResource("/test-rules/bucket-public-access-block.yaml").toURI());
        Files.copy(frozen, rules.resolve("s3-public.yaml"));
        examples = Files.createDirectories(rules.resolve("s3-public"));
        Files.writeString(examples.resolve("pass-closed.json"), S3Docs.closed("acme-private"));
        Files.writeString(examples.resolve("fail-open.json"), S3Docs.open("acme-public"));
        Files.writeString(examples.resolve("error-no-supplementary-configuration.json"), S3Docs.unreadable("acme-odd"));
        Files.writeString(examples.resolve("README.md"), "notes beside examples are ignored");
    }

    private CliRun test(String... extra) {
        String[] args = new String[3 + extra.length];
        args[0] = "rules";
        args[1] = "test";
        args[2] = rules.toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        return CliRun.of(args);
    }

    @Test
    void examplesThatGiveTheStatusTheirNameSaysPass() {
        CliRun run = test();
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("ok        " + S3Docs.RULE + "  " + examples.resolve("fail-open.json"))
                .contains("1 rules, 3 examples: 0 mismatch(es), 0 problem(s)");
    }

    @Test
    void aMismatchNamesRuleFileExpectedActualAndEvidence() throws IOException {
        Files.writeString(examples.resolve("pass-wrongly-expected.json"), S3Docs.open("acme-surprise"));
        CliRun run = test();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED_THRESHOLD);
        assertThat(run.out()).contains("MISMATCH  " + S3Docs.RULE + "  " + examples.resolve("pass-wrongly-expected.json")
                        + ": expected PASS, got FAIL")
                .contains(S3Docs.arn("acme-surprise") + " FAIL evidence {\"publicAccessBlock\":\"not configured\"}")
                .contains("1 mismatch(es)");
    }

    @Test
    void anExampleTheRuleDoesNotJudgeIsAMismatch() throws IOException {
        Files.writeString(examples.resolve("fail-not-a-bucket.json"), """
                {"id":"/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acme",
                 "name":"acme","type":"Microsoft.Storage/storageAccounts","location":"westeurope","properties":{}}""");
        CliRun run = test();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED_THRESHOLD);
        assertThat(run.out()).contains("fail-not-a-bucket.json: expected FAIL, got no finding")
                .contains("no resource of type AWS::S3::Bucket");
    }

    @Test
    void aFileOfSeveralRulesKeepsEachRulesExamplesInAFolderNamedAfterIt() throws IOException {
        String yaml = Files.readString(rules.resolve("s3-public.yaml"));
        Files.writeString(rules.resolve("pair.yaml"), yaml.replace("id: " + S3Docs.RULE, "id: team-first") + "\n---\n"
                + yaml.replace("id: " + S3Docs.RULE, "id: team-second"));
        Path first = Files.createDirectories(rules.resolve("pair/team-first"));
        Path second = Files.createDirectories(rules.resolve("pair/team-second"));
        Files.writeString(first.resolve("pass.json"), S3Docs.closed("a"));
        Files.writeString(second.resolve("fail.json"), S3Docs.closed("b"));
        CliRun run = test();
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILED_THRESHOLD);
        assertThat(run.out()).contains("ok        team-first  " + first.resolve("pass.json"))
                .contains("MISMATCH  team-second  " + second.resolve("fail.json") + ": expected FAIL, got PASS")
                .contains("3 rules, 5 examples");

        // loose examples cannot say which of the file's rules they are for
        Files.writeString(rules.resolve("pair/pass.json"), S3Docs.closed("c"));
        CliRun loose = test();
        assertThat(loose.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(loose.err()).contains("pair.yaml holds 2 rules: put each rule's examples in " + rules.resolve("pair/<rule-id>"));
    }

    @Test
    void misnamedExamplesAndFoldersOfNoRuleAreLoadErrors() throws IOException {
        Files.writeString(examples.resolve("open.json"), S3Docs.open("x"));
        Files.createDirectories(examples.resolve("no-such-rule"));
        CliRun run = test();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains(examples.resolve("open.json") + ": an example's name starts with pass, fail or error")
                .contains("no rule 'no-such-rule' in " + rules.resolve("s3-public.yaml"));
    }

    @Test
    void unreadableExamplesAndRulesAreLoadErrorsAndWinOverMismatches() throws IOException {
        Files.writeString(examples.resolve("fail-broken.json"), "{\"resourceType\": ");
        Files.writeString(examples.resolve("pass-wrong.json"), S3Docs.open("y"));
        Files.writeString(rules.resolve("bad.yaml"), "id: team-bad\n");
        CliRun run = test();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("fail-broken.json: not valid JSON").contains("bad.yaml rule team-bad: 'provider' is required");
        assertThat(run.out()).contains("MISMATCH");
    }

    @Test
    void requireExamplesFailsARuleWithoutAFailingExample() throws IOException {
        Files.delete(examples.resolve("fail-open.json"));
        assertThat(test().exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(test().out()).contains("untested  " + S3Docs.RULE + " has no fail example");
        CliRun strict = test("--require-examples");
        assertThat(strict.exitCode()).isEqualTo(ExitCodes.FAILED_THRESHOLD);
        assertThat(strict.out()).contains("MISMATCH  " + S3Docs.RULE + " has no fail example");
    }

    @Test
    void theAuthoringGuidesExampleRuleMatchesItsExamples() {
        // docs/writing-rules.md points at docs/examples: Maven runs the tests in cli/, so the repository is ..
        CliRun run = CliRun.of("rules", "test", "../docs/examples/rules", "--standards", "../docs/examples/standards",
                "--require-examples");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("1 rules, 4 examples: 0 mismatch(es), 0 problem(s)");
    }

    @Test
    void nowFixesTheTimeRulesThatJudgeAgesSee(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("fresh.yaml"), """
                id: team-s3-recently-recorded
                title: The bucket was recorded in the last 30 days
                provider: aws
                resourceTypes: [AWS::S3::Bucket]
                severity: LOW
                control: auditing-and-logging
                expression: now - timestamp(resource.configurationItemCaptureTime) < duration("720h")
                """);
        Files.createDirectories(dir.resolve("fresh"));
        Files.writeString(dir.resolve("fresh/pass.json"), S3Docs.closed("z"));
        CliRun pinned = CliRun.of("rules", "test", dir.toString(), "--now", "2026-03-15T00:00:00Z");
        assertThat(pinned.exitCode()).as(pinned.out() + pinned.err()).isEqualTo(ExitCodes.OK);
        CliRun later = CliRun.of("rules", "test", dir.toString(), "--now", "2026-06-01T00:00:00Z");
        assertThat(later.exitCode()).isEqualTo(ExitCodes.FAILED_THRESHOLD);
        assertThat(later.out()).contains("expected PASS, got FAIL");
    }
}
