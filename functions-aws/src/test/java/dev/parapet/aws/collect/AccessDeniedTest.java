package dev.parapet.aws.collect;

import dev.parapet.aws.Estate;
import dev.parapet.aws.Moto;
import dev.parapet.aws.sdk.AwsClients;
import dev.parapet.core.engine.Inventory;
import dev.parapet.core.engine.RelatedResources;
import dev.parapet.core.engine.Engine;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Resource;
import dev.parapet.core.model.Status;
import dev.parapet.core.rules.RuleCatalog;
import dev.parapet.aws.scan.PartAssessor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A role without S3 read access, enforced by moto's IAM authorization: the collection goes on for the other
 * services, reports the denial, and the buckets known from before get ERROR findings instead of vanishing.
 */
class AccessDeniedTest {
    @Test
    void deniedServiceIsReportedAndItsRulesErr() {
        Moto.reset();
        String key;
        String secret;
        List<Resource> before;
        try (AwsClients admin = Moto.clients()) {
            admin.s3(Estate.EAST).createBucket(r -> r.bucket(Estate.PUBLIC_BUCKET).createBucketConfiguration(c -> { }));
            admin.ec2(Estate.EAST).createSecurityGroup(r -> r.groupName("app").description("app tier"));
            admin.iam().createUser(r -> r.userName("auditor"));
            admin.iam().putUserPolicy(r -> r.userName("auditor").policyName("read-but-not-s3").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                            + "{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"));
            var created = admin.iam().createAccessKey(r -> r.userName("auditor")).accessKey();
            key = created.accessKeyId();
            secret = created.secretAccessKey();
            Collected full = new AwsCollector(List.of(new S3Collector(), new Ec2Collector()),
                    new ConfigSource(ConfigSource.Query.BATCH, null), AwsCollector.Mode.DIRECT)
                    .collect(new Target(Moto.ACCOUNT, admin, List.of(Estate.EAST)), List.of(Estate.EAST),
                            Set.of(S3Collector.BUCKET), Instant.now());
            before = full.resources();
        }
        assertThat(before).hasSize(1);
        Collected denied;
        Moto.enforceIam(true);
        try (AwsClients auditor = Moto.clients(key, secret)) {
            denied = new AwsCollector(List.of(new S3Collector(), new Ec2Collector()),
                    new ConfigSource(ConfigSource.Query.BATCH, null), AwsCollector.Mode.DIRECT)
                    .collect(new Target(Moto.ACCOUNT, auditor, List.of(Estate.EAST)), List.of(Estate.EAST),
                            Set.of(S3Collector.BUCKET, Ec2Collector.SECURITY_GROUP), Instant.now());
        } finally {
            Moto.enforceIam(false);
        }
        assertThat(denied.problems()).anyMatch(p -> p.denied() && p.operation().equals("s3:ListAllMyBuckets"));
        assertThat(denied.unreadable()).containsOnlyKeys(S3Collector.BUCKET);
        assertThat(denied.resources()).extracting(Resource::type).containsOnly(Ec2Collector.SECURITY_GROUP)
                .hasSizeGreaterThanOrEqualTo(2); // default group and "app": EC2 was readable

        RelatedResources stored = new Inventory(before);
        var rules = RuleCatalog.load(true, List.of()).rules();
        Instant now = Instant.now();
        var part = new PartAssessor(new Engine(rules)).assess(denied, stored, now);
        List<Finding> bucketFindings = part.findings().stream()
                .filter(f -> f.resource().type().equals(S3Collector.BUCKET)).toList();
        assertThat(bucketFindings).isNotEmpty().allMatch(f -> f.status() == Status.ERROR);
        assertThat(bucketFindings.get(0).evidence().get("error").toString()).contains("s3:ListAllMyBuckets")
                .contains("AccessDenied");
        assertThat(part.resources()).anyMatch(r -> r.type().equals(S3Collector.BUCKET)); // kept live in the scan
        assertThat(Duration.between(now, bucketFindings.get(0).observedAt())).isZero();
    }
}
