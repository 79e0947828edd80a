package dev.parapet.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The tickets commands on a real store filled by a real assessment; nothing here reaches a ServiceNow. */
class TicketsCommandTest {
    @TempDir
    Path dir;

    @Test
    void statusDryRunForwardAndRequeueWorkOnTheOutbox() throws Exception {
        String rules = Path.of(TicketsCommandTest.class.getResource("/test-rules").toURI()).toString();
        Path input = dir.resolve("open-bucket.json");
        Files.writeString(input, """
                {"configurationItemStatus":"OK","awsAccountId":"111122223333","resourceType":"AWS::S3::Bucket",
                 "resourceId":"acme-public","ARN":"arn:aws:s3:::acme-public","awsRegion":"us-east-1",
                 "configurationItemCaptureTime":"2026-03-01T00:00:00Z","configuration":{"name":"acme-public"},
                 "supplementaryConfiguration":{}}""");
        String store = "sqlite:" + dir.resolve("parapet.db");
        assertThat(CliRun.of("assess", "--no-builtin-rules", "--rules", rules, "-i", input.toString(), "--store", store, "-q")
                .exitCode()).isEqualTo(ExitCodes.OK);
        Path config = dir.resolve("servicenow.yaml");
        Files.writeString(config, """
                servicenow:
                  instance: https://acme.service-now.com
                  auth:
                    type: basic
                    user: svc_parapet
                    passwordFrom: PARAPET_TEST_SECRET_THAT_IS_NOT_SET
                """);

        CliRun status = CliRun.of("tickets", "status", "--store", store);
        assertThat(status.out()).contains("outbox: 1 pending (1 due now, 0 claimed), 0 failed", "tickets: 0 recorded");

        CliRun dry = CliRun.of("tickets", "forward", "--dry-run", "--store", store, "--config", config.toString());
        assertThat(dry.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(dry.out()).contains("1 pending", "OPENED", "test-s3-bucket-public-access-block on arn:aws:s3:::acme-public",
                "-> open a record (or adopt the one with correlation_id parapet-");
        assertThat(CliRun.of("tickets", "status", "--store", store).out()).contains("1 pending");

        CliRun forward = CliRun.of("tickets", "sync", "--store", store, "--config", config.toString(), "--no-builtin-rules");
        assertThat(forward.exitCode()).isEqualTo(ExitCodes.RUNTIME);
        assertThat(forward.err()).contains("'PARAPET_TEST_SECRET_THAT_IS_NOT_SET'");
        assertThat(CliRun.of("tickets", "status", "--store", store, "--config", config.toString()).out())
                .contains("0 pending", "1 failed", "paused:", "PARAPET_TEST_SECRET_THAT_IS_NOT_SET");

        assertThat(CliRun.of("tickets", "requeue", "--store", store).out()).contains("1 row(s) queued");
        assertThat(CliRun.of("tickets", "status", "--store", store, "--config", config.toString()).out())
                .contains("1 pending", "0 failed").doesNotContain("paused:");
    }

    @Test
    void anInvalidConfigurationIsNamedWithItsKey() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, """
                servicenow:
                  instance: http://acme.service-now.com
                  auth: {type: basic, user: u, passwordFrom: P}
                """);
        CliRun run = CliRun.of("tickets", "forward", "--store", "sqlite:" + dir.resolve("s.db"), "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("bad.yaml: servicenow.instance: must be https");
    }
}
