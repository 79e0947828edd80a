package dev.parapet.gcp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.FindingKey;
import dev.parapet.core.report.ReportFormat;
import dev.parapet.core.store.PublishedReport;
import dev.parapet.core.store.FindingFilter;
import dev.parapet.core.store.Scan;
import dev.parapet.core.store.Store;
import dev.parapet.core.store.StoredFinding;
import dev.parapet.core.store.Stores;
import dev.parapet.gcp.function.ScanFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled function in the real Functions Framework invoker: a CloudEvent in the format Eventarc delivers, the
 * real Cloud Asset client against the ListAssets stub, a real SQLite store; the store URL read from Secret Manager
 * (stubbed) and never logged.
 */
class ScanFunctionTest {
    static final String REPORTS = "acme-parapet-reports";
    static final String PUBLIC_BUCKET = "//storage.googleapis.com/acme-prod-web-assets";
    @TempDir
    static Path dir;
    static WireMockServer cloud;
    static FunctionProcess function;
    static String storeUrl;

    @BeforeAll
    static void start() throws Exception {
        cloud = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        cloud.start();
        new CloudAssetStub(cloud, "projects/acme-prod-data").serve(CloudAssetStub.fixture("/cloudasset/estate.json"), 2);
        storeUrl = "sqlite:" + dir.resolve("findings.db");
        cloud.stubFor(get(urlPathEqualTo("/v1/projects/acme-prod-data/secrets/parapet-store/versions/latest:access"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(
                        "{\"name\":\"projects/415104041262/secrets/parapet-store/versions/3\",\"payload\":{\"data\":\""
                                + Events.base64(storeUrl) + "\"}}")));
        serveUploads();
        String endpoint = "http://127.0.0.1:" + cloud.port();
        function = FunctionProcess.start(ScanFunction.class, Map.of(
                "PARAPET_REPORT_BUCKET", REPORTS,
                "PARAPET_REPORT_PREFIX", "parapet/reports",
                "PARAPET_STORAGE_ENDPOINT", endpoint,
                "PARAPET_SCOPE", "projects/acme-prod-data",
                "PARAPET_STORE_SECRET", "projects/acme-prod-data/secrets/parapet-store/versions/latest",
                "PARAPET_SECRET_ENDPOINT", endpoint,
                "PARAPET_ASSET_ENDPOINT", endpoint), dir);
    }

    /** The JSON API's media upload: 200 with the object resource of what was stored. */
    static void serveUploads() {
        cloud.stubFor(post(urlPathEqualTo("/upload/storage/v1/b/" + REPORTS + "/o"))
                .withQueryParam("uploadType", equalTo("media"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=UTF-8")
                        .withTransformers("response-template")
                        .withBody("{\"kind\": \"storage#object\", \"id\": \"" + REPORTS
                                + "/{{request.query.name}}/1767225600000000\", \"name\": \"{{request.query.name}}\", "
                                + "\"bucket\": \"" + REPORTS + "\", \"generation\": \"1767225600000000\", "
                                + "\"metageneration\": \"1\", \"contentType\": \"{{request.headers.Content-Type}}\", "
                                + "\"storageClass\": \"STANDARD\", \"size\": \"1\"}")));
    }

    @AfterAll
    static void stop() {
        if (function != null) {
            function.close();
        }
        cloud.stop();
    }

    @Test
    void scheduledEventsWriteCompleteScansThatResolveWhatIsGone() throws Exception {
        assertThat(function.deliver(Events.headers("parapet-scan"), Events.body(Events.base64("{}")))).isEqualTo(200);
        String failing = FindingKey.of("gcp-storage-bucket-not-public", PUBLIC_BUCKET);
        try (Store store = Stores.open(storeUrl)) {
            List<Scan> scans = store.scans(10);
            assertThat(scans).hasSize(1);
            assertThat(scans.get(0).state()).isEqualTo("COMPLETE");
            assertThat(scans.get(0).scopes()).extracting(s -> s.account()).containsExactly("415104041262");
            assertThat(finding(store, failing).state()).isEqualTo("OPEN");
            assertReportPublished(store, scans.get(0).id());
        }

        // the bucket is gone: the next complete scan resolves its findings
        ObjectNode estate = (ObjectNode) CloudAssetStub.fixture("/cloudasset/estate.json");
        for (String key : List.of("storage.googleapis.com/Bucket|RESOURCE", "storage.googleapis.com/Bucket|IAM_POLICY")) {
            ArrayNode assets = (ArrayNode) estate.get("listings").get(key);
            for (int i = assets.size() - 1; i >= 0; i--) {
                if (assets.get(i).path("name").asText().equals(PUBLIC_BUCKET)) {
                    assets.remove(i);
                }
            }
        }
        // and Cloud Storage refuses the upload: the report is not published, the scan is complete regardless
        cloud.resetMappings();
        new CloudAssetStub(cloud, "projects/acme-prod-data").serve(estate, 2);
        cloud.stubFor(post(urlPathEqualTo("/upload/storage/v1/b/" + REPORTS + "/o")).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json").withBody("{\"error\": {\"code\": 403, "
                        + "\"message\": \"parapet@acme.iam.gserviceaccount.com does not have storage.objects.create "
                        + "access to the Google Cloud Storage object.\", \"errors\": [{\"reason\": \"forbidden\"}]}}")));
        assertThat(function.deliver(Events.headers("parapet-scan"), Events.body(null))).isEqualTo(200);
        assertThat(function.logText()).contains("report not published", "does not have storage.objects.create");
        try (Store store = Stores.open(storeUrl)) {
            assertThat(store.reports(10)).hasSize(1);
            assertThat(store.scans(10)).hasSize(2).allMatch(s -> s.state().equals("COMPLETE"));
            StoredFinding gone = finding(store, failing);
            assertThat(gone.state()).isEqualTo("RESOLVED");
            assertThat(gone.resolution()).isEqualTo("NOT_SEEN");
        }
        String log = function.logText();
        assertThat(log).contains("\"message\":\"project assessed\"", "\"complete\":true", "\"severity\":\"INFO\"");
        assertThat(log).doesNotContain(storeUrl).doesNotContain(dir.toString());
    }

    @Test
    void aMalformedMessageFailsTheEventWithAClearError() throws Exception {
        assertThat(function.deliver(Events.headers("parapet-scan"), Events.body("%%% not base64"))).isEqualTo(500);
        assertThat(function.deliver(Events.headers("parapet-scan"), Events.body(Events.base64("{\"scope\":\"project/x\"}"))))
                .isEqualTo(500);
        String log = function.logText();
        assertThat(log).contains("message.data is not base64");
        assertThat(log).contains("scope 'project/x' is not organizations/NUMBER");
    }

    /** Dated keys and latest/ copies of every format, with the same content, and the publication in the store. */
    static void assertReportPublished(Store store, String scanId) throws Exception {
        List<PublishedReport> reports = store.reports(10);
        assertThat(reports).hasSize(1);
        PublishedReport report = reports.get(0);
        assertThat(report.scanIds()).containsExactly(scanId);
        assertThat(report.id()).matches("gs://" + REPORTS + "/parapet/reports/\\d{4}/\\d{2}/\\d{2}/\\d{8}T\\d{6}Z/");
        String dated = report.id().substring(("gs://" + REPORTS + "/").length());
        Map<String, LoggedRequest> uploads = new HashMap<>();
        for (LoggedRequest r : cloud.findAll(postRequestedFor(urlPathEqualTo("/upload/storage/v1/b/" + REPORTS + "/o")))) {
            assertThat(uploads.put(r.queryParameter("name").firstValue(), r)).as("uploaded once").isNull();
        }
        List<String> files = List.of("findings.csv", "findings.ocsf.jsonl", "report.html", "report.json");
        List<String> expected = new ArrayList<>();
        files.forEach(f -> expected.add(dated + f));
        files.forEach(f -> expected.add("parapet/reports/latest/" + f));
        assertThat(uploads.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        for (PublishedReport.File f : report.files()) {
            LoggedRequest datedUpload = uploads.get(f.datedKey());
            LoggedRequest latest = uploads.get(f.latestKey());
            assertThat(latest.getBody()).as(f.latestKey()).isEqualTo(datedUpload.getBody());
            assertThat((long) datedUpload.getBody().length).isEqualTo(f.bytes()).isPositive();
            // the HTTP client upper-cases the charset name, which is case-insensitive
            assertThat(latest.getHeader("Content-Type"))
                    .isEqualToIgnoringCase(ReportFormat.valueOf(f.format().toUpperCase(Locale.ROOT)).contentType());
        }
        var json = Json.MAPPER.readTree(uploads.get("parapet/reports/latest/report.json").getBody());
        assertThat(json.get("scans").get(0).get("id").asText()).isEqualTo(scanId);
    }

    static StoredFinding finding(Store store, String key) {
        return store.findings(new FindingFilter(null, null, null, null, true)).stream()
                .filter(f -> f.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no stored finding " + key));
    }
}
