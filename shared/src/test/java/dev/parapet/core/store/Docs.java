package dev.parapet.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.engine.Assessment;
import dev.parapet.core.engine.Engine;
import dev.parapet.core.engine.RelatedResources;
import dev.parapet.core.ingest.ParseResult;
import dev.parapet.core.ingest.ResourceParser;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Resource;
import dev.parapet.core.rules.CompiledRule;
import dev.parapet.core.rules.RuleCatalog;
import dev.parapet.core.rules.RuleSet;
import dev.parapet.core.score.SecurityControls;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real-format documents for store tests (AWS Config configuration items, ARM resources), parsed by the real
 * parser and assessed by the real engine with the built-in rules plus the test rules in store-rules/.
 */
final class Docs {
    static final String ACCOUNT = "111122223333";
    static final String OTHER_ACCOUNT = "444455556666";
    static final String BUCKET_RULE = "aws-s3-bucket-public-access-block";
    static final String TRAIL_RULE = "test-aws-account-multi-region-trail";

    static final Engine ENGINE = engine();

    /** The bucket's public access block: all four on (PASS), partial (FAIL), none (FAIL), a key missing (ERROR). */
    enum Block { ALL, PARTIAL, NONE, BROKEN }

    private Docs() {
    }

    /**
     * The built-in bucket rule and the test trail rule only: the real YAML, but a fixed set, so that counts in the
     * tests do not move when the catalog grows.
     */
    private static Engine engine() {
        try {
            Path testRules = Path.of(Docs.class.getClassLoader().getResource("store-rules").toURI());
            RuleCatalog.Loaded loaded = RuleCatalog.load(SecurityControls.builtIn().ids(), true, List.of(testRules));
            assertThat(loaded.problems()).isEmpty();
            List<CompiledRule> chosen = loaded.rules().all().stream()
                    .filter(r -> r.id().equals(BUCKET_RULE) || r.id().equals(TRAIL_RULE)).toList();
            assertThat(chosen).hasSize(2);
            return new Engine(new RuleSet(chosen));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Instant at(String isoTime) {
        return Instant.parse(isoTime);
    }

    /** An S3 bucket configuration item as AWS Config delivers it (configuration and supplementary as JSON strings). */
    static Resource bucket(String name, String account, String region, String captureTime, Block block) {
        ObjectNode ci = configItem("AWS::S3::Bucket", name, "arn:aws:s3:::" + name, account, region, captureTime, "OK");
        ci.put("configuration", "{\"name\":\"" + name + "\",\"owner\":{\"id\":\"5c1a7e3f0d2b\"}}");
        ObjectNode supplementary = ci.putObject("supplementaryConfiguration");
        switch (block) {
            case ALL -> supplementary.put("PublicAccessBlockConfiguration", "{\"blockPublicAcls\":true,"
                    + "\"ignorePublicAcls\":true,\"blockPublicPolicy\":true,\"restrictPublicBuckets\":true}");
            case PARTIAL -> supplementary.put("PublicAccessBlockConfiguration", "{\"blockPublicAcls\":true,"
                    + "\"ignorePublicAcls\":true,\"blockPublicPolicy\":false,\"restrictPublicBuckets\":false}");
            case NONE -> { }
            case BROKEN -> supplementary.put("PublicAccessBlockConfiguration", "{\"ignorePublicAcls\":true,"
                    + "\"blockPublicPolicy\":true,\"restrictPublicBuckets\":true}");
        }
        return parse(ci);
    }

    static Resource bucket(String name, String captureTime, Block block) {
        return bucket(name, ACCOUNT, "us-east-1", captureTime, block);
    }

    /** The configuration item AWS Config records when a bucket is deleted. */
    static Resource deletedBucket(String name, String account, String captureTime) {
        ObjectNode ci = configItem("AWS::S3::Bucket", name, "arn:aws:s3:::" + name, account, "us-east-1", captureTime,
                "ResourceDeleted");
        ci.putNull("configuration");
        ci.putObject("supplementaryConfiguration");
        return parse(ci);
    }

    static Resource trail(String name, String account, String captureTime, boolean multiRegion) {
        String arn = "arn:aws:cloudtrail:us-east-1:" + account + ":trail/" + name;
        ObjectNode ci = configItem("AWS::CloudTrail::Trail", name, arn, account, "us-east-1", captureTime, "OK");
        ObjectNode conf = ci.putObject("configuration");
        conf.put("name", name);
        conf.put("isMultiRegionTrail", multiRegion);
        conf.put("s3BucketName", "acme-trail-logs");
        ci.putObject("supplementaryConfiguration");
        return parse(ci);
    }

    /** An ARM resource as the Resource Manager API returns it. */
    static Resource arm(String id, String type, String location) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("id", id);
        doc.put("name", id.substring(id.lastIndexOf('/') + 1));
        doc.put("type", type);
        doc.put("location", location);
        doc.putObject("tags").put("env", "prod");
        doc.putObject("properties").put("provisioningState", "Succeeded");
        return parse(doc);
    }

    private static ObjectNode configItem(String type, String id, String arn, String account, String region,
                                         String captureTime, String status) {
        ObjectNode ci = Json.MAPPER.createObjectNode();
        ci.put("configurationItemVersion", "1.3");
        ci.put("awsAccountId", account);
        ci.put("configurationItemCaptureTime", captureTime);
        ci.put("configurationItemStatus", status);
        ci.put("ARN", arn);
        ci.put("resourceType", type);
        ci.put("resourceId", id);
        ci.put("resourceName", id);
        ci.put("awsRegion", region);
        ci.putObject("tags").put("team", "payments");
        return ci;
    }

    private static Resource parse(JsonNode doc) {
        ParseResult parsed = ResourceParser.parse(doc, "store test", Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(parsed.problems()).as("test document parses").isEmpty();
        assertThat(parsed.resources()).hasSize(1);
        return parsed.resources().get(0);
    }

    /** A batch as a scan assesses it. */
    static Assessment assess(Resource... batch) {
        return ENGINE.assess(List.of(batch));
    }

    /** Changed resources assessed against related data from elsewhere (the store), as an event handler does. */
    static Assessment assess(RelatedResources related, Resource... changed) {
        return ENGINE.assess(List.of(changed), related);
    }
}
