package dev.parapet.aws.collect;

import dev.parapet.aws.Estate;
import dev.parapet.aws.Moto;
import dev.parapet.aws.sdk.AwsClients;
import dev.parapet.core.engine.Assessment;
import dev.parapet.core.engine.Engine;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Resource;
import dev.parapet.core.model.Status;
import dev.parapet.core.rules.RuleCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service-API collectors against moto with the real SDK: a two-region estate is collected (Config is not
 * recording there, so AUTO falls back to the APIs) and assessed with the built-in rules.
 */
class DirectCollectionTest {
    static AwsClients aws;
    static Estate estate;
    static Collected collected;
    static Assessment assessment;

    @BeforeAll
    static void collectEstate() {
        Moto.reset();
        aws = Moto.clients();
        long t0 = System.nanoTime();
        estate = Estate.build(aws);
        System.out.println("TIMING estate " + (System.nanoTime() - t0) / 1_000_000);
        t0 = System.nanoTime();
        AwsCollector collector = AwsCollector.standard(new ConfigSource(ConfigSource.Query.BATCH, null),
                AwsCollector.Mode.AUTO, Duration.ofSeconds(10));
        var rules = RuleCatalog.load(true, List.of()).rules();
        collected = collector.collect(new Target(Moto.ACCOUNT, aws, Estate.REGIONS), Estate.REGIONS,
                rules.typesFor(dev.parapet.core.model.Provider.AWS), Instant.now());
        System.out.println("TIMING collect " + (System.nanoTime() - t0) / 1_000_000);
        assessment = new Engine(rules).assess(collected.resources());
    }

    @AfterAll
    static void close() {
        aws.close();
    }

    private static Finding finding(String rule, String idPart) {
        Optional<Finding> f = assessment.findings().stream()
                .filter(x -> x.ruleId().equals(rule) && x.resource().id().contains(idPart)).findFirst();
        assertThat(f).as("finding of %s on %s", rule, idPart).isPresent();
        return f.get();
    }

    @Test
    void bucketsCarryConfigsSupplementaryShapes() {
        assertThat(finding("aws-s3-bucket-public-access-block", Estate.PUBLIC_BUCKET).status()).isEqualTo(Status.FAIL);
        assertThat(finding("aws-s3-bucket-public-access-block", Estate.PRIVATE_BUCKET).status()).isEqualTo(Status.PASS);
        assertThat(finding("aws-s3-bucket-acl-no-public-grants", Estate.PUBLIC_BUCKET).status()).isEqualTo(Status.FAIL);
        assertThat(finding("aws-s3-bucket-acl-no-public-grants", Estate.PRIVATE_BUCKET).status()).isEqualTo(Status.PASS);
        assertThat(finding("aws-s3-bucket-versioning", Estate.PUBLIC_BUCKET).status()).isEqualTo(Status.FAIL);
        assertThat(finding("aws-s3-bucket-versioning", Estate.PRIVATE_BUCKET).status()).isEqualTo(Status.PASS);
        assertThat(finding("aws-s3-bucket-access-logging", Estate.PRIVATE_BUCKET).status()).isEqualTo(Status.PASS);
        assertThat(finding("aws-s3-bucket-default-encryption-kms", Estate.PRIVATE_BUCKET).status()).isEqualTo(Status.PASS);
        Resource west = collected.resources().stream().filter(r -> r.name().equals(Estate.PRIVATE_BUCKET)).findFirst().orElseThrow();
        assertThat(west.region()).isEqualTo(Estate.WEST);
        assertThat(west.id()).isEqualTo("arn:aws:s3:::" + Estate.PRIVATE_BUCKET);
    }

    @Test
    void networkRulesSeeBothRegions() {
        assertThat(finding("aws-ec2-sg-ssh-open-to-internet", estate.sshOpenGroup).status()).isEqualTo(Status.FAIL);
        assertThat(finding("aws-ec2-sg-ssh-open-to-internet", estate.webGroup).status()).isEqualTo(Status.PASS);
        assertThat(finding("aws-ec2-volume-encrypted", estate.plainVolume).status()).isEqualTo(Status.FAIL);
        assertThat(finding("aws-ec2-volume-encrypted", estate.encryptedVolume).status()).isEqualTo(Status.PASS);
        assertThat(finding("aws-ec2-vpc-flow-logs", estate.vpcWithFlowLog).status()).isEqualTo(Status.PASS);
        assertThat(finding("aws-ec2-instance-profile-attached", estate.instance).status()).isEqualTo(Status.FAIL);
        assertThat(assessment.findings()).filteredOn(f -> f.ruleId().equals("aws-ec2-vpc-flow-logs")
                && f.status() == Status.FAIL).isNotEmpty(); // the default VPCs log nothing
    }

    @Test
    void iamAndAccountRulesReadTheAccountItem() {
        assertThat(finding("aws-iam-user-console-mfa", Estate.USER_NO_MFA).status()).isEqualTo(Status.FAIL);
        assertThat(assessment.findings()).noneMatch(f -> f.ruleId().equals("aws-iam-user-console-mfa")
                && f.resource().id().contains(Estate.USER_PROGRAMMATIC)); // no console password: rule does not apply
        assertThat(finding("aws-iam-user-no-direct-policies", Estate.USER_PROGRAMMATIC).status()).isEqualTo(Status.FAIL);
        assertThat(finding("aws-iam-user-no-direct-policies", Estate.USER_NO_MFA).status()).isEqualTo(Status.PASS);
        assertThat(finding("aws-iam-password-policy-length", Moto.ACCOUNT).status()).isEqualTo(Status.FAIL);
        assertThat(finding("aws-iam-root-mfa", Moto.ACCOUNT).status()).isEqualTo(Status.FAIL);
        assertThat(finding("aws-s3-account-public-access-block", Moto.ACCOUNT).status()).isEqualTo(Status.FAIL);
        assertThat(finding("aws-ec2-ebs-encryption-by-default", Moto.ACCOUNT).status()).isEqualTo(Status.FAIL);
        assertThat(finding("aws-cloudtrail-multi-region-logging", Moto.ACCOUNT).status()).isEqualTo(Status.PASS);
        // moto has no Access Analyzer: the settings stay unread, and the rule cannot decide
        Finding analyzer = finding("aws-iam-access-analyzer-all-regions", Moto.ACCOUNT);
        assertThat(analyzer.status()).isEqualTo(Status.ERROR);
        assertThat(collected.problems()).anyMatch(p -> p.operation().equals("access-analyzer:ListAnalyzers"));
    }

    @Test
    void databasesKeysTrailsAndFunctions() {
        assertThat(finding("aws-rds-instance-not-public", "orders-db").status()).isEqualTo(Status.FAIL);
        assertThat(finding("aws-rds-instance-not-public", "records-db").status()).isEqualTo(Status.PASS);
        assertThat(finding("aws-rds-instance-storage-encrypted", "orders-db").status()).isEqualTo(Status.FAIL);
        assertThat(finding("aws-rds-instance-storage-encrypted", "records-db").status()).isEqualTo(Status.PASS);
        assertThat(finding("aws-kms-key-rotation", estate.unrotatedKey).status()).isEqualTo(Status.FAIL);
        assertThat(finding("aws-kms-key-rotation", estate.rotatedKey).status()).isEqualTo(Status.PASS);
        assertThat(finding("aws-cloudtrail-log-file-validation", "org-audit").status()).isEqualTo(Status.PASS);
        assertThat(finding("aws-cloudtrail-kms-encryption", "org-audit").status()).isEqualTo(Status.FAIL);
        assertThat(finding("aws-lambda-function-not-public", "thumbnailer").status()).isEqualTo(Status.FAIL);
        assertThat(finding("aws-lambda-function-supported-runtime", "thumbnailer").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void typesWithoutASourceAreReportedNotSilentlyEmpty() {
        Map<String, ?> unreadable = collected.unreadable();
        assertThat(unreadable).containsKeys("AWS::SQS::Queue", "AWS::EKS::Cluster");
        assertThat(collected.problems()).anyMatch(p -> p.code().equals("NoSource") && p.subject().equals("AWS::SQS::Queue"));
        assertThat(unreadable).doesNotContainKeys("AWS::S3::Bucket", "AWS::EC2::SecurityGroup", "AWS::IAM::User");
    }

    @Test
    void onlyUnreadableSettingsErr() {
        assertThat(assessment.findings()).filteredOn(f -> f.status() == Status.ERROR)
                .extracting(Finding::ruleId)
                .allMatch(id -> id.equals("aws-iam-access-analyzer-all-regions")
                        || id.equals("aws-config-recorder-all-regions")
                        // moto's DescribeDBInstances leaves out MonitoringInterval
                        || id.equals("aws-rds-instance-enhanced-monitoring"), "only rules reading what moto lacks err");
    }
}
