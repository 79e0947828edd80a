package dev.parapet.gcp;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.cloud.asset.v1.AssetServiceClient;
import dev.parapet.core.engine.Engine;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Resource;
import dev.parapet.core.model.Status;
import dev.parapet.core.rules.RuleCatalog;
import dev.parapet.gcp.collect.AssetLister;
import dev.parapet.gcp.collect.AssetScope;
import dev.parapet.gcp.collect.AssetTypes;
import dev.parapet.gcp.collect.CloudAssetClients;
import dev.parapet.gcp.collect.Collected;
import dev.parapet.gcp.collect.ContentType;
import dev.parapet.gcp.collect.GcpCollector;
import dev.parapet.gcp.scan.GcpRules;
import dev.parapet.gcp.scan.GcpScan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real Cloud Asset client (HTTP/JSON) against a stub serving real-format ListAssets pages. */
class GcpCollectorTest {
    static final String PROJECT = "415104041262";
    static final AssetScope SCOPE = AssetScope.parse("projects/acme-prod-data");
    static RuleCatalog.Loaded rules;
    WireMockServer server;
    AssetServiceClient client;

    @BeforeAll
    static void loadRules() {
        rules = GcpRules.load();
    }

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        client = CloudAssetClients.create("http://127.0.0.1:" + server.port());
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop();
    }

    private GcpCollector collector() {
        return new GcpCollector(new AssetLister(client), AssetTypes.forRules(rules.rules()), Clock.systemUTC());
    }

    @Test
    void pagesToTheEndAndMergesPoliciesIntoResources() throws Exception {
        new CloudAssetStub(server, SCOPE.parent()).serve(CloudAssetStub.fixture("/cloudasset/estate.json"), 2);
        List<String> progress = new ArrayList<>();
        Collected c = collector().collect(SCOPE, progress::add);

        assertThat(c.unreadable()).isEmpty();
        assertThat(c.problems()).isEmpty();
        assertThat(c.complete()).isTrue();
        assertThat(c.projects()).containsExactly(PROJECT);
        Map<String, Resource> byName = c.resources().stream().collect(Collectors.toMap(Resource::id, Function.identity()));
        // 1 project, 3 sinks (two pages), 2 keys, 2 buckets, 1 firewall; the orphan policy is not a resource
        assertThat(byName).hasSize(9);
        assertThat(c.orphanPolicies()).isEqualTo(1);
        assertThat(c.pages()).isGreaterThan(AssetTypes.forRules(rules.rules()).listings().size());
        assertThat(progress).hasSize(AssetTypes.forRules(rules.rules()).listings().size());

        Resource project = byName.get("//cloudresourcemanager.googleapis.com/projects/" + PROJECT);
        assertThat(project.document().path("iamPolicy").path("bindings").toString()).contains("roles/owner");
        assertThat(project.document().path("resource").path("data").path("projectId").asText()).isEqualTo("acme-prod-data");
        Resource publicBucket = byName.get("//storage.googleapis.com/acme-prod-web-assets");
        assertThat(publicBucket.document().path("iamPolicy").path("bindings").toString()).contains("allUsers");
        assertThat(publicBucket.document().path("iamPolicy").path("etag").asText()).isEqualTo("CAQ=");
        // listed policies, none for this key: "no policy", not "not collected"
        Resource key = byName.values().stream().filter(r -> r.type().equals("cloudkms.googleapis.com/CryptoKey"))
                .findFirst().orElseThrow();
        assertThat(key.document().get("iamPolicy")).isNotNull();
        assertThat(key.document().get("iamPolicy").size()).isZero();
        // non-IAM types carry no policy at all
        assertThat(byName.values().stream().filter(r -> r.type().equals("compute.googleapis.com/Firewall"))
                .findFirst().orElseThrow().document().has("iamPolicy")).isFalse();
        // integers in resource.data stay integers (the client holds them as Struct doubles)
        Resource firewall = byName.values().stream().filter(r -> r.type().equals("compute.googleapis.com/Firewall"))
                .findFirst().orElseThrow();
        assertThat(firewall.document().path("resource").path("data").path("priority").isIntegralNumber()).isTrue();
    }

    @Test
    void assessesTheMergedEstate() throws Exception {
        new CloudAssetStub(server, SCOPE.parent()).serve(CloudAssetStub.fixture("/cloudasset/estate.json"), 2);
        Collected c = collector().collect(SCOPE, line -> { });
        List<GcpScan.ProjectResult> results = new GcpScan(new Engine(rules.rules()), Clock.systemUTC())
                .assess(c, "test", null);
        assertThat(results).hasSize(1);
        assertThat(results.get(0).complete()).isTrue();
        List<Finding> findings = results.get(0).result().assessment().findings();
        assertThat(status(findings, "gcp-storage-bucket-not-public", "acme-prod-web-assets")).isEqualTo(Status.FAIL);
        assertThat(status(findings, "gcp-storage-bucket-not-public", "acme-prod-private")).isEqualTo(Status.PASS);
        assertThat(findings.stream().filter(f -> f.ruleId().equals("gcp-kms-key-not-public")))
                .hasSize(2).allMatch(f -> f.status() == Status.PASS);
        assertThat(status(findings, "gcp-logging-project-sink-all-entries", PROJECT)).isEqualTo(Status.PASS);
        assertThat(status(findings, "gcp-compute-firewall-no-internet-ssh", "default-allow-ssh")).isEqualTo(Status.FAIL);
    }

    @Test
    void aDeniedTypeIsReportedAndItsRulesReportErrorNotPass() throws Exception {
        new CloudAssetStub(server, SCOPE.parent()).serve(CloudAssetStub.fixture("/cloudasset/estate.json"), 2)
                .deny("logging.googleapis.com/LogSink", "RESOURCE")
                .deny("storage.googleapis.com/Bucket", "IAM_POLICY");
        Collected c = collector().collect(SCOPE, line -> { });
        assertThat(c.complete()).isFalse();
        assertThat(c.unreadable()).extracting(u -> u.assetType() + " " + u.contentType() + " " + u.code())
                .containsExactlyInAnyOrder("logging.googleapis.com/LogSink RESOURCE PERMISSION_DENIED",
                        "storage.googleapis.com/Bucket IAM_POLICY PERMISSION_DENIED");
        assertThat(c.resources()).noneMatch(r -> r.type().equals("logging.googleapis.com/LogSink"));
        // policies not collected: no "iamPolicy": {} pretending there is none
        assertThat(c.resources()).filteredOn(r -> r.type().equals("storage.googleapis.com/Bucket"))
                .hasSize(2).noneMatch(r -> r.document().has("iamPolicy"));

        GcpScan.ProjectResult result = new GcpScan(new Engine(rules.rules()), Clock.systemUTC())
                .assess(c, "test", null).get(0);
        assertThat(result.complete()).isFalse();
        assertThat(result.result().scan().scopes()).isEmpty();
        List<Finding> findings = result.result().assessment().findings();
        Finding sink = findings.stream().filter(f -> f.ruleId().equals("gcp-logging-project-sink-all-entries"))
                .findFirst().orElseThrow();
        assertThat(sink.status()).isEqualTo(Status.ERROR);
        assertThat(sink.evidence().get("error").toString()).contains("LogSink", "PERMISSION_DENIED");
        assertThat(status(findings, "gcp-storage-bucket-not-public", "acme-prod-web-assets")).isEqualTo(Status.ERROR);
    }

    @Test
    void failsWhenNothingCanBeListed() {
        new CloudAssetStub(server, SCOPE.parent());
        for (AssetTypes.Listing l : AssetTypes.forRules(rules.rules()).listings()) {
            new CloudAssetStub(server, SCOPE.parent()).deny(l.assetType(), l.contentType().name());
        }
        assertThatThrownBy(() -> collector().collect(SCOPE, line -> { }))
                .isInstanceOf(GcpCollector.CollectionFailedException.class)
                .hasMessageContaining("projects/acme-prod-data").hasMessageContaining("PERMISSION_DENIED");
    }

    @Test
    void rejectsAMalformedScope() {
        assertThatThrownBy(() -> AssetScope.parse("project/acme")).hasMessageContaining("project/acme");
        assertThatThrownBy(() -> AssetScope.parse("organizations/acme")).hasMessageContaining("organizations/NUMBER");
        assertThat(AssetScope.parse(" folders/312770152046 ").parent()).isEqualTo("folders/312770152046");
        assertThat(ContentType.valueOf("IAM_POLICY")).isNotNull();
    }

    static Status status(List<Finding> findings, String rule, String resourceSuffix) {
        return findings.stream().filter(f -> f.ruleId().equals(rule) && f.resource().id().endsWith(resourceSuffix))
                .map(Finding::status).findFirst()
                .orElseThrow(() -> new AssertionError("no finding of " + rule + " on ..." + resourceSuffix));
    }
}
