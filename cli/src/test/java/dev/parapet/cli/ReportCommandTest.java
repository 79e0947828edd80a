package dev.parapet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void anUnknownFormatIsAUsageErrorNamingIt() {
        CliRun run = CliRun.of("report", "--store", "sqlite:" + dir.resolve("s.db"), "--output", dir.toString(),
                "--formats", "html,pdf");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("unknown report format 'pdf'");
    }

    @Test
    void withoutAStoreOrAnOutputItIsAUsageError() {
        CliRun noOutput = CliRun.of("report", "--store", "sqlite:" + dir.resolve("s.db"));
        assertThat(noOutput.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noOutput.err()).contains("--output");
        CliRun badDays = CliRun.of("report", "--store", "sqlite:" + dir.resolve("s.db"), "--output", dir.toString(),
                "--history-days", "0");
        assertThat(badDays.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badDays.err()).contains("--history-days must be at least 1");
        CliRun badPrefix = CliRun.of("report", "--store", "sqlite:" + dir.resolve("s.db"), "--output", dir.toString(),
                "--prefix", "../up");
        assertThat(badPrefix.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badPrefix.err()).contains("without '..'");
    }

    @Test
    void aStoreThatCannotBeOpenedIsARuntimeError() throws IOException {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "not a folder");
        CliRun run = CliRun.of("report", "--store", "sqlite:" + file.resolve("store.db"), "--output",
                dir.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.RUNTIME);
        assertThat(run.err()).contains("report failed: cannot open store");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void assessTwiceThenReportPublishesEveryFormatWithTheStoresNumbers() throws IOException {
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules);
        Files.writeString(rules.resolve("flags.yaml"), """
                rules:
                  - id: cli-bucket-flag
                    title: Bucket flag is ok
                    provider: aws
                    resourceTypes: ["AWS::S3::Bucket"]
                    severity: HIGH
                    control: restrict-unauthorized-network-access
                    compliance:
                      AWS-FSBP: [S3.8]
                    remediation: Set the flag to ok.
                    expression: resource.configuration.flag == "ok"
                """);
        String store = "sqlite:" + dir.resolve("store.db");
        Path day1 = estate("day1", List.of(bucket("b1", "ok", "2026-03-03"), bucket("b2", "bad", "2026-03-03"),
                bucket("b3", "bad", "2026-03-03")));
        Path day2 = estate("day2", List.of(bucket("b1", "bad", "2026-03-04"), bucket("b2", "bad", "2026-03-03")));
        for (Path day : List.of(day1, day2)) {
            CliRun assess = CliRun.of("assess", "--input", day.toString(), "--store", store, "--rules", rules.toString(),
                    "--no-builtin-rules", "--format", "json", "--output", dir.resolve(day.getFileName() + ".json").toString(),
                    "-q");
            assertThat(assess.exitCode()).as(assess.err()).isIn(ExitCodes.OK, ExitCodes.FAILED_THRESHOLD);
        }
        Path out = dir.resolve("published");
        CliRun report = CliRun.of("report", "--store", store, "--output", out.toString(), "--rules", rules.toString(),
                "--no-builtin-rules", "--prefix", "acme");
        assertThat(report.exitCode()).as(report.err()).isEqualTo(ExitCodes.OK);
        assertThat(report.out()).contains("2 findings (2 failing); 1 new, 1 fixed since the previous scan");
        for (String file : List.of("report.html", "report.json", "findings.csv", "findings.ocsf.jsonl")) {
            assertThat(out.resolve("acme/latest/" + file)).isNotEmptyFile();
            assertThat(report.out()).contains(out.resolve("acme/latest/" + file).toString());
        }
        JsonNode published = Json.MAPPER.readTree(out.resolve("acme/latest/report.json").toFile());
        JsonNode assessed = Json.MAPPER.readTree(dir.resolve("day2.json").toFile());
        assertThat(published.at("/score/overall/percent").decimalValue())
                .isEqualByComparingTo(assessed.at("/score/overall/percent").decimalValue());
        assertThat(published.at("/scans/0/id").asText()).isEqualTo(assessed.at("/scan/id").asText());
        assertThat(published.at("/delta/new/0/resource/name").asText()).isEqualTo("b1");
        assertThat(published.at("/delta/fixed/0/resource/name").asText()).isEqualTo("b3");
        assertThat(Files.readString(out.resolve("acme/latest/findings.csv")).split("\r\n")).hasSize(3);
    }

    private Path estate(String name, List<String> documents) throws IOException {
        Path d = dir.resolve(name);
        Files.createDirectories(d);
        Files.writeString(d.resolve("items.jsonl"), String.join("\n", documents) + "\n");
        return d;
    }

    private static String bucket(String name, String flag, String day) {
        return ("{\"configurationItemStatus\":\"OK\",\"awsAccountId\":\"111122223333\",\"resourceType\":"
                + "\"AWS::S3::Bucket\",\"resourceId\":\"%s\",\"resourceName\":\"%s\",\"ARN\":\"arn:aws:s3:::%s\","
                + "\"awsRegion\":\"us-east-1\",\"configurationItemCaptureTime\":\"%sT00:00:00Z\","
                + "\"configuration\":{\"name\":\"%s\",\"flag\":\"%s\"},\"supplementaryConfiguration\":{}}")
                .formatted(name, name, name, day, name, flag);
    }
}
