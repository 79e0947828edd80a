package dev.parapet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.parapet.core.json.Json;
import dev.parapet.gcp.CloudAssetStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code parapet scan gcp} with the real Cloud Asset client (HTTP/JSON) against the functions' stub of ListAssets,
 * serving their real-format estate: findings, exit codes, and a denied listing reported as ERROR, never PASS.
 */
class ScanGcpCommandTest {
    static final String PROJECT = "acme-prod-data";
    @TempDir
    Path dir;
    WireMockServer server;

    @BeforeEach
    void start() throws Exception {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private CloudAssetStub estate() throws Exception {
        return new CloudAssetStub(server, "projects/" + PROJECT).serve(CloudAssetStub.fixture("/cloudasset/estate.json"), 2);
    }

    private CliRun scan(String... extra) {
        String[] base = {"scan", "gcp", "--project", PROJECT, "--endpoint-url", "http://127.0.0.1:" + server.port()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    private static JsonNode finding(JsonNode report, String rule, String idSuffix) {
        return ReportFindings.finding(report, rule, id -> id.endsWith(idSuffix));
    }

    @Test
    void assessesTheListedProjectAndGatesOnSeverity() throws Exception {
        estate();
        Path out = dir.resolve("gcp.json");
        CliRun run = scan("--format", "json", "--output", out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).contains("listing projects/" + PROJECT)
                .containsPattern("listed storage.googleapis.com/Bucket \\(RESOURCE\\), \\d+ assets so far")
                .contains("scan of projects/" + PROJECT + ": 9 resources").contains("every service was read");
        JsonNode report = Json.MAPPER.readTree(out.toFile());
        assertThat(finding(report, "gcp-storage-bucket-not-public", "acme-prod-web-assets").path("status").asText())
                .isEqualTo("FAIL");
        assertThat(finding(report, "gcp-storage-bucket-not-public", "acme-prod-private").path("status").asText())
                .isEqualTo("PASS");
        assertThat(finding(report, "gcp-compute-firewall-no-internet-ssh", "default-allow-ssh").path("status").asText())
                .isEqualTo("FAIL");

        CliRun gate = scan("--fail-on", "HIGH", "-q");
        assertThat(gate.exitCode()).as(gate.err()).isEqualTo(ExitCodes.FAILED_THRESHOLD);
        assertThat(gate.out()).contains("Secure score");
    }

    @Test
    void aDeniedListingReportsErrorForStoredResourcesAndExitsTwo() throws Exception {
        String store = "sqlite:" + dir.resolve("parapet.db");
        estate();
        CliRun full = scan("--store", store, "-q");
        assertThat(full.exitCode()).as(full.err()).isEqualTo(ExitCodes.OK);

        server.resetAll();
        estate().deny("storage.googleapis.com/Bucket", "RESOURCE").deny("logging.googleapis.com/LogSink", "RESOURCE");
        Path out = dir.resolve("denied.json");
        CliRun denied = scan("--store", store, "--format", "json", "--output", out.toString());
        assertThat(denied.exitCode()).as(denied.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(denied.err()).contains("could not read")
                .contains("storage.googleapis.com/Bucket RESOURCE in projects/" + PROJECT + ": PERMISSION_DENIED");
        JsonNode report = Json.MAPPER.readTree(out.toFile());
        JsonNode bucket = finding(report, "gcp-storage-bucket-not-public", "acme-prod-web-assets");
        assertThat(bucket.path("status").asText()).isEqualTo("ERROR");
        assertThat(bucket.path("evidence").path("error").asText()).contains("PERMISSION_DENIED");
        assertThat(finding(report, "gcp-logging-project-sink-all-entries", "415104041262").path("status").asText())
                .isEqualTo("ERROR");
        assertThat(finding(report, "gcp-compute-firewall-no-internet-ssh", "default-allow-ssh").path("status").asText())
                .isEqualTo("FAIL");
    }

    @Test
    void nothingListableFailsTheRunAndBadScopesAreUsageErrors() {
        // no listing stubbed: every ListAssets call answers 404
        CliRun none = scan("-q");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.RUNTIME);
        assertThat(none.err()).contains("no asset type of projects/" + PROJECT + " could be listed");

        CliRun both = CliRun.of("scan", "gcp", "--project", PROJECT, "--folder", "123");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        CliRun badOrg = CliRun.of("scan", "gcp", "--organization", "acme");
        assertThat(badOrg.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badOrg.err()).contains("organizations/NUMBER");
        CliRun azure = CliRun.of("scan", "azure");
        assertThat(azure.exitCode()).isEqualTo(ExitCodes.RUNTIME);
        assertThat(azure.err()).contains("not available yet");
    }
}
