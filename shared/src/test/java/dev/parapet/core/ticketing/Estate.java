package dev.parapet.core.ticketing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.engine.Assessment;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.FindingKey;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;
import dev.parapet.core.model.Severity;
import dev.parapet.core.model.Status;
import dev.parapet.core.rules.CompiledRule;
import dev.parapet.core.rules.Rule;
import dev.parapet.core.rules.RuleLoader;
import dev.parapet.core.rules.RuleSet;
import dev.parapet.core.score.SecurityControls;
import dev.parapet.core.store.ChangeSummary;
import dev.parapet.core.store.Store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Findings of the built-in S3 public-access-block rule on buckets, written to a real store the way an event handler
 * writes them ({@code recordChange}), with the bucket in the inventory (tags feed governance).
 */
final class Estate {
    static final String ACCOUNT = "111122223333";
    static final Rule RULE;
    static final RuleSet RULES;

    static {
        // the real built-in file, compiled alone (the whole catalog takes seconds)
        String file = RuleLoader.BUILTIN_ROOT + "/aws/s3-bucket-public-access-block.yaml";
        try (InputStream in = Estate.class.getClassLoader().getResourceAsStream(file)) {
            RuleLoader.Result loaded = new RuleLoader(SecurityControls.builtIn().ids()).load(in, file);
            if (!loaded.problems().isEmpty()) {
                throw new IllegalStateException("built-in rule does not load: " + loaded.problems());
            }
            CompiledRule bucket = loaded.rules().get(0);
            RULE = bucket.rule();
            RULES = new RuleSet(List.of(bucket));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final Store store;

    Estate(Store store) {
        this.store = store;
    }

    static String arn(String bucket) {
        return "arn:aws:s3:::" + bucket;
    }

    static String key(String bucket) {
        return FindingKey.of(RULE.id(), arn(bucket));
    }

    /** The bucket fails: its public access block is as given ("not configured", or a partial block). */
    ChangeSummary fail(String bucket, String at, String block) {
        return write(List.of(bucket), at, Status.FAIL, Map.of("publicAccessBlock", block), RULE.severity(), false);
    }

    ChangeSummary fail(String bucket, String at) {
        return fail(bucket, at, "not configured");
    }

    ChangeSummary pass(String bucket, String at) {
        return write(List.of(bucket), at, Status.PASS, Map.of(), RULE.severity(), false);
    }

    ChangeSummary error(String bucket, String at) {
        return write(List.of(bucket), at, Status.ERROR, Map.of("error", "blockPublicAcls is missing"), RULE.severity(), false);
    }

    ChangeSummary delete(String bucket, String at) {
        return write(List.of(bucket), at, null, Map.of(), RULE.severity(), true);
    }

    ChangeSummary failMany(List<String> buckets, String at, Severity severity) {
        return write(buckets, at, Status.FAIL, Map.of("publicAccessBlock", "not configured"), severity, false);
    }

    private ChangeSummary write(List<String> buckets, String at, Status status, Map<String, Object> evidence,
                                Severity severity, boolean deleted) {
        Instant t = Instant.parse(at);
        List<Finding> findings = new ArrayList<>();
        List<Resource> live = new ArrayList<>();
        List<Resource> gone = new ArrayList<>();
        for (String b : buckets) {
            Resource r = bucket(b, t, deleted);
            (deleted ? gone : live).add(r);
            if (!deleted) {
                findings.add(new Finding(RULE.id(), RULE.title(), severity, status, r.ref(), RULE.control(),
                        RULE.compliance(), evidence, t));
            }
        }
        return store.recordChange(new Assessment(findings, live, gone, findings.size()));
    }

    private static Resource bucket(String name, Instant at, boolean deleted) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("resourceType", "AWS::S3::Bucket");
        doc.put("resourceId", name);
        doc.put("configurationItemStatus", deleted ? "ResourceDeleted" : "OK");
        Map<String, String> tags = name.startsWith("pay") ? Map.of("team", "payments") : Map.of("team", "web");
        return new Resource(Provider.AWS, arn(name), "AWS::S3::Bucket", ACCOUNT, "us-east-1", name, tags, at, deleted, doc);
    }
}
