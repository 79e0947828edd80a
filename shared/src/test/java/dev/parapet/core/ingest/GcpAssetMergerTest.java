package dev.parapet.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.engine.Engine;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;
import dev.parapet.core.rules.RuleSet;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One asset listed once with contentType RESOURCE and once with IAM_POLICY becomes one resource. */
class GcpAssetMergerTest {
    private static final String BUCKET = "//storage.googleapis.com/acme-ml-datasets";

    @Test
    void twoListAssetsCallsInTwoFilesAreJoinedIntoOneResource() {
        ParseResult parsed = InputReader.read(List.of(Inputs.path("gcp/split-content")), Inputs.NOW, f -> { });
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.resources()).extracting(Resource::id).containsExactly(BUCKET,
                "//cloudsql.googleapis.com/projects/acme-ml-prod/instances/features-pg");

        Resource bucket = parsed.resources().get(0);
        assertThat(bucket.document().path("resource").path("data").path("name").asText()).isEqualTo("acme-ml-datasets");
        assertThat(bucket.document().path("iamPolicy").path("bindings")).hasSize(2);
        assertThat(bucket.type()).isEqualTo("storage.googleapis.com/Bucket");
        assertThat(bucket.account()).isEqualTo("604918273645");
        assertThat(bucket.region()).as("from the RESOURCE half").isEqualTo("europe-west4");
        assertThat(bucket.tags()).containsEntry("team", "ml-platform");
        assertThat(bucket.observedAt()).as("the newer half's time").isEqualTo(Instant.parse("2026-02-10T14:22:05.300Z"));
        assertThat(bucket.document().path("updateTime").asText()).isEqualTo("2026-02-10T14:22:05.300Z");
        assertThat(bucket.document()).isEqualTo(joinedByHand());
    }

    @Test
    void halvesInOneArrayAreJoinedWhicheverComesFirst() throws Exception {
        String resourceHalf = Json.MAPPER.writeValueAsString(Inputs.read("gcp/split-content/list-assets-resource.json")
                .resources().get(0).document());
        String iamHalf = Json.MAPPER.writeValueAsString(Inputs.read("gcp/split-content/list-assets-iam-policy.json")
                .resources().get(0).document());
        for (String array : List.of("[" + resourceHalf + "," + iamHalf + "]", "[" + iamHalf + "," + resourceHalf + "]")) {
            ParseResult parsed = ResourceParser.parse(Json.MAPPER.readTree(array), "a.json", Inputs.NOW);
            assertThat(parsed.resources()).singleElement().satisfies(r -> {
                assertThat(r.document()).isEqualTo(joinedByHand());
                assertThat(r.region()).isEqualTo("europe-west4");
            });
        }
    }

    @Test
    void theEngineSeesTheJoinedDocumentNotOneHalf() {
        ParseResult parsed = InputReader.read(List.of(Inputs.path("gcp/split-content")), Inputs.NOW, f -> { });
        List<Resource> live = new Engine(new RuleSet(List.of())).assess(parsed.resources()).resources();
        assertThat(live).filteredOn(r -> r.id().equals(BUCKET)).singleElement().satisfies(r -> {
            assertThat(r.document().has("resource")).isTrue();
            assertThat(r.document().has("iamPolicy")).isTrue();
        });
    }

    @Test
    void newerValuesWinAndOlderOnesOnlyFillGaps() {
        Resource oldFull = asset("{\"resource\":{\"data\":{\"v\":1}},\"iamPolicy\":{\"etag\":\"old\"}}", "2026-01-01T00:00:00Z");
        Resource newResource = asset("{\"resource\":{\"data\":{\"v\":2}}}", "2026-01-02T00:00:00Z");
        List<Resource> merged = GcpAssetMerger.merge(List.of(oldFull, newResource));
        assertThat(merged).singleElement().satisfies(r -> {
            assertThat(r.document().path("resource").path("data").path("v").asInt()).isEqualTo(2);
            assertThat(r.document().path("iamPolicy").path("etag").asText()).isEqualTo("old");
            assertThat(r.observedAt()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
        });
    }

    @Test
    void equalTimesLetTheLaterInputWinAsTheEngineDoes() {
        Resource first = asset("{\"resource\":{\"data\":{\"v\":1}}}", "2026-01-01T00:00:00Z");
        Resource second = asset("{\"resource\":{\"data\":{\"v\":2}}}", "2026-01-01T00:00:00Z");
        assertThat(GcpAssetMerger.merge(List.of(first, second))).singleElement()
                .satisfies(r -> assertThat(r.document().path("resource").path("data").path("v").asInt()).isEqualTo(2));
    }

    @Test
    void deletionsOtherCloudsAndUniqueAssetsPassThroughInOrder() {
        Resource live = asset("{\"resource\":{\"data\":{}}}", "2026-01-01T00:00:00Z");
        Resource gone = new Resource(Provider.GCP, live.id(), live.type(), live.account(), "global", "b", Map.of(),
                Instant.parse("2026-01-03T00:00:00Z"), true, live.document());
        Resource iam = asset("{\"iamPolicy\":{}}", "2026-01-02T00:00:00Z");
        Resource aws = new Resource(Provider.AWS, live.id(), "AWS::S3::Bucket", "1", "eu-west-1", "b", Map.of(),
                Inputs.NOW, false, Json.MAPPER.createObjectNode());
        List<Resource> merged = GcpAssetMerger.merge(List.of(aws, live, gone, iam));
        assertThat(merged).hasSize(3);
        assertThat(merged.get(0)).isSameAs(aws);
        assertThat(merged.get(1).document().has("iamPolicy")).isTrue();
        assertThat(merged.get(2)).isSameAs(gone);

        List<Resource> unique = List.of(live, aws);
        assertThat(GcpAssetMerger.merge(unique)).as("nothing to join: the same list").isSameAs(unique);
    }

    private static Resource asset(String content, String time) {
        try {
            ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(content);
            doc.put("name", "//storage.googleapis.com/b");
            doc.put("assetType", "storage.googleapis.com/Bucket");
            doc.put("updateTime", time);
            return GcpAssets.toResource(doc, Instant.parse(time), false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The RESOURCE half with the IAM_POLICY half's iamPolicy and (newer) updateTime. */
    private static JsonNode joinedByHand() {
        ObjectNode full = (ObjectNode) Inputs.single("gcp/asset-bucket.json").document().deepCopy();
        full.put("updateTime", "2026-02-10T14:22:05.300Z");
        return full;
    }
}
