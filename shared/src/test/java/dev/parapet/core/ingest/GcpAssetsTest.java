package dev.parapet.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Cloud Asset Inventory assets, export lines, ListAssets pages and feed messages (inputs/gcp/). */
class GcpAssetsTest {
    private static final String BUCKET = "//storage.googleapis.com/acme-ml-datasets";

    @Test
    void assetGivesEveryResourceField() {
        Resource r = Inputs.single("gcp/asset-bucket.json");
        assertThat(r.provider()).isEqualTo(Provider.GCP);
        assertThat(r.id()).isEqualTo(BUCKET);
        assertThat(r.type()).isEqualTo("storage.googleapis.com/Bucket");
        assertThat(r.account()).as("project number from ancestors").isEqualTo("604918273645");
        assertThat(r.region()).isEqualTo("europe-west4");
        assertThat(r.name()).isEqualTo("acme-ml-datasets");
        assertThat(r.tags()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "ml-platform", "cost_center", "4410"));
        assertThat(r.observedAt()).isEqualTo(Instant.parse("2026-01-30T12:00:41.008Z"));
        assertThat(r.deleted()).isFalse();
        assertThat(r.document().path("iamPolicy").path("bindings")).hasSize(2);
    }

    @Test
    void exportLinesAreRewrittenToCamelCaseOutsideResourceData() {
        ParseResult parsed = Inputs.read("gcp/export.jsonl");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.resources()).extracting(Resource::type).containsExactly(
                "cloudresourcemanager.googleapis.com/Project", "storage.googleapis.com/Bucket",
                "compute.googleapis.com/Firewall");

        Resource project = parsed.resources().get(0);
        assertThat(project.id()).isEqualTo("//cloudresourcemanager.googleapis.com/projects/604918273645");
        assertThat(project.account()).isEqualTo("604918273645");
        assertThat(project.name()).isEqualTo("604918273645");
        assertThat(project.region()).isEqualTo("global");
        assertThat(project.tags()).containsExactlyEntriesOf(Map.of("env", "prod"));
        assertThat(project.observedAt()).isEqualTo(Instant.parse("2026-02-01T09:12:44.570Z"));
        JsonNode doc = project.document();
        assertThat(doc.fieldNames()).toIterable()
                .containsExactly("name", "assetType", "resource", "iamPolicy", "ancestors", "updateTime");
        assertThat(doc.path("resource").has("discoveryDocumentUri")).isTrue();
        JsonNode audit = doc.path("iamPolicy").path("auditConfigs").get(0);
        assertThat(audit.path("service").asText()).isEqualTo("allServices");
        assertThat(audit.path("auditLogConfigs")).extracting(c -> c.path("logType").asText())
                .containsExactly("ADMIN_READ", "DATA_READ", "DATA_WRITE");
        assertThat(audit.path("auditLogConfigs").get(1).path("exemptedMembers").get(0).asText())
                .startsWith("serviceAccount:etl@");

        Resource firewall = parsed.resources().get(2);
        assertThat(firewall.account()).isEqualTo("604918273645");
        assertThat(firewall.name()).isEqualTo("allow-rdp-anywhere");
        assertThat(firewall.document().path("resource").path("data").path("allowed").get(0).has("IPProtocol"))
                .as("resource.data is the service's own shape and is not touched").isTrue();
    }

    @Test
    void exportAndApiFormsOfOneAssetGiveTheSameDocument() {
        Resource fromApi = Inputs.single("gcp/asset-bucket.json");
        Resource fromExport = Inputs.read("gcp/export.jsonl").resources().get(1);
        assertThat(fromExport.document()).isEqualTo(fromApi.document());
        assertThat(fromExport.document().path("resource").path("data").path("labels").has("cost_center"))
                .as("label keys inside data keep their underscores").isTrue();
        assertThat(fromExport.tags()).isEqualTo(fromApi.tags());
    }

    @Test
    void listAssetsPageYieldsItsAssets() {
        ParseResult parsed = Inputs.read("gcp/list-assets-page.json");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.resources()).extracting(Resource::id).containsExactly(BUCKET,
                "//cloudsql.googleapis.com/projects/acme-ml-prod/instances/features-pg");
        Resource sql = parsed.resources().get(1);
        assertThat(sql.type()).isEqualTo("sqladmin.googleapis.com/Instance");
        assertThat(sql.account()).isEqualTo("604918273645");
        assertThat(sql.region()).isEqualTo("europe-west4");
        assertThat(sql.name()).isEqualTo("features-pg");
        assertThat(sql.tags()).as("Cloud SQL keeps its labels in settings.userLabels, not in labels").isEmpty();
        assertThat(sql.observedAt()).isEqualTo(Instant.parse("2026-02-03T06:15:20Z"));
    }

    @Test
    void feedMessageGivesTheNewAssetObservedAtTheWindowStart() {
        Resource r = Inputs.single("gcp/feed-update.json");
        assertThat(r.id()).isEqualTo(BUCKET);
        assertThat(r.deleted()).isFalse();
        assertThat(r.observedAt()).isEqualTo(Instant.parse("2026-02-16T11:47:02.114Z"));
        assertThat(r.document().path("resource").path("data").path("versioning").path("enabled").booleanValue()).isFalse();
        assertThat(r.document().has("priorAsset")).as("the document is the asset, not the message").isFalse();
    }

    @Test
    void deletionFeedMessageIsDeletedAndOrderedByTheWindowNotTheStaleUpdateTime() {
        Resource r = Inputs.single("gcp/feed-deleted.json");
        assertThat(r.id()).isEqualTo("//cloudsql.googleapis.com/projects/acme-ml-prod/instances/features-pg");
        assertThat(r.type()).isEqualTo("sqladmin.googleapis.com/Instance");
        assertThat(r.account()).isEqualTo("604918273645");
        assertThat(r.deleted()).isTrue();
        // The asset still says 2026-02-03; the deletion happened at the window start and must sort after that state.
        assertThat(r.observedAt()).isEqualTo(Instant.parse("2026-02-17T08:00:31.902Z"));
    }

    @Test
    void feedMessageWithAnUnusableWindowFallsBackToUpdateTimeAndSaysSo() throws Exception {
        ParseResult parsed = ResourceParser.parse(Json.MAPPER.readTree("""
                {"asset":{"name":"//storage.googleapis.com/b","assetType":"storage.googleapis.com/Bucket",
                          "updateTime":"2026-02-16T11:47:02.114Z"},
                 "window":{"startTime":"soon"}}"""), "feed.json", Inputs.NOW);
        assertThat(parsed.resources()).singleElement()
                .satisfies(r -> assertThat(r.observedAt()).isEqualTo(Instant.parse("2026-02-16T11:47:02.114Z")));
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo("feed.json");
            assertThat(p.reason()).contains("window.startTime", "soon");
        });
    }

    @Test
    void projectFallsBackToTheParentOrTheNameWhenThereAreNoAncestors() throws Exception {
        ParseResult parsed = ResourceParser.parse(Json.MAPPER.readTree("""
                [{"name":"//compute.googleapis.com/projects/acme-ml-prod/zones/europe-west4-a/disks/d1",
                  "assetType":"compute.googleapis.com/Disk","resource":{"data":{},"location":"europe-west4-a"}},
                 {"name":"//pubsub.googleapis.com/topics/t1","assetType":"pubsub.googleapis.com/Topic",
                  "resource":{"parent":"//cloudresourcemanager.googleapis.com/projects/604918273645","data":{}}}]"""),
                "a.json", Inputs.NOW);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.resources()).extracting(Resource::account).containsExactly("acme-ml-prod", "604918273645");
        assertThat(parsed.resources()).extracting(Resource::observedAt).containsOnly(Inputs.NOW);
        assertThat(parsed.resources()).extracting(Resource::region).containsExactly("europe-west4-a", "global");
    }

    @Test
    void assetsWithoutTextualNameOrTypeAndBadListElementsAreProblems() throws Exception {
        ParseResult parsed = ResourceParser.parse(Json.MAPPER.readTree("""
                {"assets":[{"name":{"x":1},"assetType":"storage.googleapis.com/Bucket"},
                           {"assetType":"storage.googleapis.com/Bucket"},
                           {"name":"//storage.googleapis.com/b","assetType":"storage.googleapis.com/Bucket",
                            "updateTime":"not a time"}],
                 "nextPageToken":"x"}"""), "page.json", Inputs.NOW);
        assertThat(parsed.resources()).extracting(Resource::id).containsExactly("//storage.googleapis.com/b");
        assertThat(parsed.resources().get(0).observedAt()).isEqualTo(Inputs.NOW);
        assertThat(parsed.problems()).extracting(InputProblem::source)
                .containsExactly("page.json assets[0]", "page.json assets[1]", "page.json assets[2]");
        assertThat(parsed.problems().get(0).reason()).contains("must be strings");
        assertThat(parsed.problems().get(1).reason()).contains("needs name and assetType");
        assertThat(parsed.problems().get(2).reason()).contains("updateTime");
    }

    @Test
    void camelCaseRewriting() {
        assertThat(GcpAssets.camel("audit_log_configs")).isEqualTo("auditLogConfigs");
        assertThat(GcpAssets.camel("assetType")).isEqualTo("assetType");
        assertThat(GcpAssets.camel("update_time")).isEqualTo("updateTime");
    }
}
