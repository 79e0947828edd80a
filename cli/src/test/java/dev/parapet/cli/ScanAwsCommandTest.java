package dev.parapet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.aws.Estate;
import dev.parapet.aws.Moto;
import dev.parapet.aws.sdk.AwsClients;
import dev.parapet.core.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code parapet scan aws} against moto with the real SDK and the default credential chain: the functions' two-region
 * estate (healthy and misconfigured resources) scanned by an administrator into a store, then by an auditor whose
 * policy denies RDS: the scan goes on, RDS is reported as unread, and the stored databases' rules report ERROR.
 */
class ScanAwsCommandTest {
    @TempDir
    static Path dir;
    static String store;
    static String auditorKey;
    static String auditorSecret;
    static final Map<String, String> SAVED = new java.util.HashMap<>();

    @BeforeAll
    static void estate() {
        for (String p : List.of("aws.accessKeyId", "aws.secretAccessKey", "aws.region")) {
            SAVED.put(p, System.getProperty(p));
        }
        System.setProperty("aws.region", Estate.EAST);
        Moto.reset();
        try (AwsClients admin = Moto.clients()) {
            Estate.build(admin);
            admin.iam().createUser(r -> r.userName("auditor"));
            admin.iam().putUserPolicy(r -> r.userName("auditor").policyName("read-but-not-rds").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                            + "{\"Effect\":\"Deny\",\"Action\":\"rds:*\",\"Resource\":\"*\"}]}"));
            var key = admin.iam().createAccessKey(r -> r.userName("auditor")).accessKey();
            auditorKey = key.accessKeyId();
            auditorSecret = key.secretAccessKey();
        }
        store = "sqlite:" + dir.resolve("parapet.db");
    }

    @AfterAll
    static void restore() {
        Moto.enforceIam(false);
        SAVED.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    /** The SDK's default chain reads these system properties first. */
    private static CliRun scanAs(String key, String secret, String... extra) {
        System.setProperty("aws.accessKeyId", key);
        System.setProperty("aws.secretAccessKey", secret);
        List<String> args = new ArrayList<>(List.of("scan", "aws", "--endpoint-url", Moto.endpoint().toString(),
                "--regions", Estate.EAST + "," + Estate.WEST, "--store", store));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static String status(JsonNode report, String rule, String idPart) {
        return finding(report, rule, idPart).path("status").asText();
    }

    private static JsonNode finding(JsonNode report, String rule, String idPart) {
        return ReportFindings.finding(report, rule, id -> id.contains(idPart));
    }

    @Test
    void scansTwoRegionsThenKeepsGoingWhenOneServiceIsDenied() throws Exception {
        Path first = dir.resolve("admin.json");
        CliRun admin = scanAs("testing", "testing", "--format", "json", "--output", first.toString());
        assertThat(admin.exitCode()).as(admin.err()).isEqualTo(ExitCodes.OK);
        // progress per part (service group and region) and the closing summary, on stderr
        assertThat(admin.err()).contains("scanning AWS account " + Moto.ACCOUNT + " in us-east-1, eu-west-1")
                .containsPattern("\\[\\d+/\\d+\\] EC2 in eu-west-1: \\d+ resources \\(\\d+ so far\\)")
                .containsPattern("\\[\\d+/\\d+\\] RDS in us-east-1: 1 resources")
                .contains("failures by severity: critical ").contains("score ")
                .doesNotContain("rds:DescribeDBInstances");
        JsonNode r1 = Json.MAPPER.readTree(first.toFile());
        assertThat(status(r1, "aws-s3-bucket-public-access-block", Estate.PUBLIC_BUCKET)).isEqualTo("FAIL");
        assertThat(status(r1, "aws-s3-bucket-public-access-block", Estate.PRIVATE_BUCKET)).isEqualTo("PASS");
        assertThat(status(r1, "aws-rds-instance-not-public", "orders-db")).isEqualTo("FAIL");
        assertThat(status(r1, "aws-rds-instance-not-public", "records-db")).isEqualTo("PASS");
        assertThat(status(r1, "aws-kms-key-rotation", "")).isIn("FAIL", "PASS");
        assertThat(status(r1, "aws-iam-user-console-mfa", Estate.USER_NO_MFA)).isEqualTo("FAIL");
        assertThat(status(r1, "aws-lambda-function-not-public", "thumbnailer")).isEqualTo("FAIL");

        // the same scan as a gate: a HIGH failure exists
        CliRun gate = scanAs("testing", "testing", "--fail-on", "HIGH", "-q", "--output", dir.resolve("gate.txt").toString());
        assertThat(gate.exitCode()).as(gate.err()).isEqualTo(ExitCodes.FAILED_THRESHOLD);
        assertThat(gate.err()).doesNotContain("scanning AWS account");

        Path second = dir.resolve("auditor.json");
        Moto.enforceIam(true);
        CliRun auditor;
        try {
            auditor = scanAs(auditorKey, auditorSecret, "--format", "json", "--output", second.toString());
        } finally {
            Moto.enforceIam(false);
        }
        // a listing could not be read: exit 2, everything else assessed and written
        assertThat(auditor.exitCode()).as(auditor.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(auditor.err()).contains("could not read")
                .containsPattern("rds:DescribeDBInstances denied: .* in eu-west-1, us-east-1"); // moto sends a bare 403
        JsonNode r2 = Json.MAPPER.readTree(second.toFile());
        assertThat(r2.path("scan").path("inputProblems").toString()).contains("AWS::RDS::DBInstance", "us-east-1");
        assertThat(status(r2, "aws-s3-bucket-public-access-block", Estate.PUBLIC_BUCKET)).isEqualTo("FAIL");
        assertThat(status(r2, "aws-iam-user-console-mfa", Estate.USER_NO_MFA)).isEqualTo("FAIL");
        // the databases the store knows cannot be judged now: ERROR, not PASS, and not resolved as gone
        JsonNode orders = finding(r2, "aws-rds-instance-not-public", "orders-db");
        assertThat(orders.path("status").asText()).isEqualTo("ERROR");
        assertThat(orders.path("evidence").path("error").asText()).contains("not collected in this scan", "rds:DescribeDBInstances");
        assertThat(status(r2, "aws-rds-instance-not-public", "records-db")).isEqualTo("ERROR");
    }
}
