package dev.parapet.cli.estate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.cli.estate.AwsEstate.Place;
import dev.parapet.cli.estate.AwsEstate.Vpc;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.parapet.cli.estate.AwsEstate.configuration;
import static dev.parapet.cli.estate.AwsEstate.relate;
import static dev.parapet.cli.estate.AwsEstate.supplementary;
import static dev.parapet.cli.estate.J.arr;
import static dev.parapet.cli.estate.J.obj;

/** S3 buckets, RDS instances, KMS keys, Lambda functions, the CloudTrail trail and the Config recorder. */
final class AwsServices {
    private static final DateTimeFormatter LAMBDA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);

    private final AwsEstate aws;
    private final GenContext ctx;
    private final Rand rand;

    AwsServices(AwsEstate aws) {
        this.aws = aws;
        this.ctx = aws.ctx;
        this.rand = aws.ctx.rand;
    }

    ObjectNode bucket(Place p) {
        String team = ctx.team();
        String purpose = rand.pick("assets", "exports", "uploads", "backups", "reports", "artifacts", "datalake", "static");
        return bucket(p, ctx.unique(p.alias() + "-" + team + "-" + purpose + "-" + rand.lowerAlnum(4)), team, false);
    }

    /** @param logTarget the account's access-log bucket: it receives logs and, as usual, logs nowhere itself */
    ObjectNode bucket(Place p, String name, String team, boolean logTarget) {
        Flaws flaws = logTarget ? new Flaws(Set.of("no-logging"))
                : ctx.flaws("public-policy", "public-acl", "no-pab", "no-versioning", "no-logging", "no-tls-policy",
                "sse-s3-only", "no-mfa-delete", "no-lifecycle", "no-object-lock");
        return bucket(p, name, team, flaws, null);
    }

    private ObjectNode bucket(Place p, String name, String team, Flaws flaws, List<ObjectNode> extraStatements) {
        String owner = aws.canonicalOwner(p.account());
        Instant created = ctx.past(20, 1500);
        ObjectNode ci = aws.item(p, "AWS::S3::Bucket", name, name, "arn:aws:s3:::" + name, "Regional", created,
                aws.tags(p, team, null));
        configuration(ci).setAll(obj("name", name, "owner", obj("displayName", null, "id", owner),
                "creationDate", GenContext.iso(created)));
        ArrayNode grants = arr(obj("grantee", obj("id", owner, "displayName", null), "permission", "FullControl"));
        if (flaws.has("public-acl")) {
            grants.add(obj("grantee", "AllUsers", "permission", "Read"));
        }
        List<ObjectNode> statements = new ArrayList<>();
        if (!flaws.has("no-tls-policy")) {
            statements.add(obj("Sid", "DenyInsecureTransport", "Effect", "Deny", "Principal", "*", "Action", "s3:*",
                    "Resource", arr("arn:aws:s3:::" + name, "arn:aws:s3:::" + name + "/*"),
                    "Condition", obj("Bool", obj("aws:SecureTransport", "false"))));
        }
        if (extraStatements != null) {
            statements.addAll(extraStatements);
        }
        if (flaws.has("public-policy")) {
            statements.add(obj("Sid", "PublicRead", "Effect", "Allow", "Principal", "*", "Action", "s3:GetObject",
                    "Resource", "arn:aws:s3:::" + name + "/*"));
        }
        boolean kms = !flaws.has("sse-s3-only");
        ObjectNode s = supplementary(ci);
        // Config writes the ACL and the policy text as JSON inside strings; the rest as objects.
        s.put("AccessControlList", J.json(obj("grantSet", null, "grantList", grants,
                "owner", obj("displayName", null, "id", owner), "isRequesterCharged", false)));
        s.set("BucketAccelerateConfiguration", obj("status", null));
        s.set("BucketLoggingConfiguration", flaws.has("no-logging") ? obj("destinationBucketName", null, "logFilePrefix", null)
                : obj("destinationBucketName", p.alias() + "-s3-access-logs-" + p.account() + "-" + p.region(),
                "logFilePrefix", name + "/"));
        // Config leaves out lifecycle and object lock configurations a bucket does not have.
        if (!flaws.has("no-lifecycle")) {
            s.set("BucketLifecycleConfiguration", obj("rules", arr(obj(
                    "id", "noncurrent-versions-and-uploads",
                    "expirationInDays", -1,
                    "expiredObjectDeleteMarker", false,
                    "filter", obj("predicate", obj("type", "LifecyclePrefixPredicate", "prefix", "")),
                    "noncurrentVersionExpirationInDays", rand.pick(90, 180, 365),
                    "noncurrentVersionTransitions", arr(obj("days", 30, "storageClass", "STANDARD_IA")),
                    "transitions", arr(),
                    "abortIncompleteMultipartUpload", obj("daysAfterInitiation", 7),
                    "status", "Enabled",
                    "prefix", null,
                    "expirationDate", null))));
        }
        s.set("BucketNotificationConfiguration", obj("configurations", obj()));
        s.set("BucketPolicy", obj("policyText", statements.isEmpty() ? null
                : J.json(obj("Version", "2012-10-17", "Statement", statements))));
        boolean versioned = !flaws.has("no-versioning");
        s.set("BucketVersioningConfiguration", obj("status", versioned ? "Enabled" : "Off",
                "isMfaDeleteEnabled", versioned && !flaws.has("no-mfa-delete") ? Boolean.TRUE : null));
        s.put("IsRequesterPaysEnabled", false);
        if (versioned && !flaws.has("no-object-lock")) {
            s.set("ObjectLockConfiguration", obj("objectLockEnabled", "Enabled",
                    "rule", obj("defaultRetention", obj("mode", "GOVERNANCE", "days", rand.pick(7, 30, 90), "years", null))));
        }
        if (!flaws.has("no-pab")) {
            boolean policyOpen = flaws.has("public-policy");
            boolean aclOpen = flaws.has("public-acl");
            s.set("PublicAccessBlockConfiguration", obj("blockPublicAcls", !aclOpen, "ignorePublicAcls", !aclOpen,
                    "blockPublicPolicy", !policyOpen, "restrictPublicBuckets", !policyOpen));
        }
        s.set("ServerSideEncryptionConfiguration", obj("rules", arr(obj(
                "applyServerSideEncryptionByDefault", obj("sseAlgorithm", kms ? "aws:kms" : "AES256",
                        "kmsMasterKeyID", kms ? aws.keyFor(p, "s3") : null),
                "bucketKeyEnabled", kms))));
        return ctx.done(ci, flaws);
    }

    /** A customer-managed key; registered so that volumes, buckets and databases of the place can use it. */
    ObjectNode key(Place p, String purpose) {
        Flaws flaws = ctx.flaws("no-rotation", "pending-deletion");
        String id = rand.uuid();
        String arn = "arn:aws:kms:" + p.region() + ":" + p.account() + ":key/" + id;
        String what = purpose != null ? purpose : ctx.team() + " " + rand.pick("data", "secrets", "backups", "logs");
        Instant created = ctx.past(30, 1400);
        boolean deleting = flaws.has("pending-deletion");
        ObjectNode ci = aws.item(p, "AWS::KMS::Key", id, null, arn, "Regional", created, Map.of("env", p.env()));
        configuration(ci).setAll(obj(
                "aWSAccountId", p.account(),
                "keyId", id,
                "arn", arn,
                "creationDate", GenContext.iso(created),
                "enabled", !deleting,
                "description", p.alias() + " " + what + " key",
                "keyUsage", "ENCRYPT_DECRYPT",
                "keyState", deleting ? "PendingDeletion" : "Enabled",
                "deletionDate", deleting ? GenContext.iso(ctx.anchor.plusSeconds(7 * 86_400)) : null,
                "validTo", null,
                "origin", "AWS_KMS",
                "customKeyStoreId", null,
                "cloudHsmClusterId", null,
                "expirationModel", null,
                "keyManager", "CUSTOMER",
                "customerMasterKeySpec", "SYMMETRIC_DEFAULT",
                "keySpec", "SYMMETRIC_DEFAULT",
                "encryptionAlgorithms", arr("SYMMETRIC_DEFAULT"),
                "signingAlgorithms", arr(),
                "multiRegion", false,
                "multiRegionConfiguration", null,
                "pendingDeletionWindowInDays", deleting ? 7 : null,
                "macAlgorithms", arr()));
        supplementary(ci).put("KeyRotationStatus", !flaws.has("no-rotation"));
        if (!deleting) {
            aws.addKey(p, arn);
        }
        return ctx.done(ci, flaws);
    }

    ObjectNode database(Place p) {
        Flaws flaws = ctx.flaws("unencrypted", "public", "no-backup", "no-deletion-protection", "no-minor-upgrade",
                "single-az", "no-iam-auth");
        String team = ctx.team();
        boolean postgres = rand.chance(0.65);
        String identifier = ctx.unique(p.alias() + "-" + team + "-" + (postgres ? "pg" : "mysql") + "-" + rand.between(1, 4));
        String resourceId = "db-" + rand.upperAlnum(26);
        String arn = "arn:aws:rds:" + p.region() + ":" + p.account() + ":db:" + identifier;
        Vpc vpc = aws.network.anyVpc(p);
        String zone = vpc.zones().get(0);
        Instant created = ctx.past(30, 1200);
        boolean encrypted = !flaws.has("unencrypted");
        boolean multiAz = !flaws.has("single-az");
        String sg = aws.securityGroups(p).isEmpty() ? "sg-" + rand.hex(17) : rand.pick(aws.securityGroups(p));
        String version = postgres ? rand.pick("15.7", "16.3", "14.12") : rand.pick("8.0.36", "8.0.35");
        String family = postgres ? "postgres" + version.substring(0, version.indexOf('.')) : "mysql8.0";
        ArrayNode subnets = arr();
        for (int i = 0; i < vpc.subnets().size(); i++) {
            subnets.add(obj("subnetIdentifier", vpc.subnets().get(i), "subnetAvailabilityZone", obj("name", vpc.zones().get(i)),
                    "subnetOutpost", obj("arn", null), "subnetStatus", "Active"));
        }
        ObjectNode ci = aws.item(p, "AWS::RDS::DBInstance", resourceId, identifier, arn, zone, created,
                aws.tags(p, team, null));
        configuration(ci).setAll(obj(
                "dBInstanceIdentifier", identifier,
                "dBInstanceClass", rand.pick("db.r6g.large", "db.m6g.large", "db.t4g.medium", "db.r6g.xlarge"),
                "engine", postgres ? "postgres" : "mysql",
                "dBInstanceStatus", "available",
                "masterUsername", "dbadmin",
                "dBName", team,
                "endpoint", obj("address", identifier + ".c" + rand.lowerAlnum(11) + "." + p.region() + ".rds.amazonaws.com",
                        "port", postgres ? 5432 : 3306, "hostedZoneId", "Z2R2ITUGPM61AM"),
                "allocatedStorage", rand.pick(20, 100, 200, 500),
                "instanceCreateTime", GenContext.iso(created),
                "preferredBackupWindow", "03:" + rand.pick("00", "15", "30") + "-04:00",
                "backupRetentionPeriod", flaws.has("no-backup") ? 0 : rand.pick(7, 7, 14, 35),
                "dBSecurityGroups", arr(),
                "vpcSecurityGroups", arr(obj("vpcSecurityGroupId", sg, "status", "active")),
                "dBParameterGroups", arr(obj("dBParameterGroupName", "default." + family, "parameterApplyStatus", "in-sync")),
                "availabilityZone", zone,
                "dBSubnetGroup", obj("dBSubnetGroupName", p.alias() + "-db-subnets", "dBSubnetGroupDescription",
                        "database subnets", "vpcId", vpc.id(), "subnetGroupStatus", "Complete", "subnets", subnets),
                "preferredMaintenanceWindow", "sun:05:00-sun:05:30",
                "pendingModifiedValues", obj("dBInstanceClass", null, "allocatedStorage", null, "masterUserPassword", null,
                        "port", null, "backupRetentionPeriod", null, "multiAZ", null, "engineVersion", null,
                        "licenseModel", null, "iops", null, "dBInstanceIdentifier", null, "storageType", null,
                        "cACertificateIdentifier", null, "dBSubnetGroupName", null, "pendingCloudwatchLogsExports", null,
                        "processorFeatures", arr()),
                "latestRestorableTime", GenContext.iso(ctx.anchor.minusSeconds(300)),
                "multiAZ", multiAz,
                "engineVersion", version,
                "autoMinorVersionUpgrade", !flaws.has("no-minor-upgrade"),
                "readReplicaSourceDBInstanceIdentifier", null,
                "readReplicaDBInstanceIdentifiers", arr(),
                "readReplicaDBClusterIdentifiers", arr(),
                "licenseModel", postgres ? "postgresql-license" : "general-public-license",
                "iops", null,
                "optionGroupMemberships", arr(obj("optionGroupName", "default:" + (postgres ? "postgres-" + family.substring(8)
                        : "mysql-8-0"), "status", "in-sync")),
                "characterSetName", null,
                "secondaryAvailabilityZone", multiAz ? vpc.zones().get(1) : null,
                "publiclyAccessible", flaws.has("public"),
                "statusInfos", arr(),
                "storageType", "gp3",
                "tdeCredentialArn", null,
                "dbInstancePort", 0,
                "dBClusterIdentifier", null,
                "storageEncrypted", encrypted,
                "kmsKeyId", encrypted ? aws.keyFor(p, "rds") : null,
                "dbiResourceId", resourceId,
                "cACertificateIdentifier", "rds-ca-rsa2048-g1",
                "domainMemberships", arr(),
                "copyTagsToSnapshot", true,
                "monitoringInterval", 60,
                "enhancedMonitoringResourceArn", "arn:aws:logs:" + p.region() + ":" + p.account()
                        + ":log-group:RDSOSMetrics:log-stream:" + resourceId,
                "monitoringRoleArn", "arn:aws:iam::" + p.account() + ":role/rds-monitoring-role",
                "promotionTier", null,
                "dBInstanceArn", arn,
                "timezone", null,
                "iAMDatabaseAuthenticationEnabled", !flaws.has("no-iam-auth"),
                "performanceInsightsEnabled", p.prod(),
                "performanceInsightsKMSKeyId", p.prod() ? aws.keyFor(p, "rds") : null,
                "performanceInsightsRetentionPeriod", p.prod() ? 7 : null,
                "enabledCloudwatchLogsExports", postgres ? arr("postgresql", "upgrade") : arr("audit", "error", "slowquery"),
                "processorFeatures", arr(),
                "deletionProtection", !flaws.has("no-deletion-protection"),
                "associatedRoles", arr(),
                "listenerEndpoint", null,
                "maxAllocatedStorage", 1000));
        relate(ci, "AWS::EC2::SecurityGroup", sg, "Is associated with SecurityGroup");
        return ctx.done(ci, flaws);
    }

    ObjectNode function(Place p) {
        Flaws flaws = ctx.flaws("deprecated-runtime", "public-policy");
        String team = ctx.team();
        String name = ctx.unique(p.alias() + "-" + team + "-" + rand.pick("webhook", "resize-images", "nightly-report",
                "sync-users", "process-orders", "rotate-secrets", "ingest-events", "notify"));
        String arn = "arn:aws:lambda:" + p.region() + ":" + p.account() + ":function:" + name;
        String runtime = flaws.has("deprecated-runtime") ? rand.pick("python3.7", "nodejs14.x", "python3.8", "go1.x", "ruby2.7")
                : rand.pick("python3.12", "python3.11", "nodejs20.x", "nodejs18.x", "java21", "java17");
        Instant modified = ctx.past(2, 500);
        boolean inVpc = rand.chance(0.5);
        Vpc vpc = inVpc ? aws.network.anyVpc(p) : null;
        ObjectNode ci = aws.item(p, "AWS::Lambda::Function", name, name, arn, "Not Applicable", null,
                aws.tags(p, team, null));
        configuration(ci).setAll(obj(
                "functionName", name,
                "functionArn", arn,
                "runtime", runtime,
                "role", "arn:aws:iam::" + p.account() + ":role/" + name + "-role",
                "handler", runtime.startsWith("python") ? "app.handler" : runtime.startsWith("java") ? "com.acme.Handler::handleRequest"
                        : runtime.startsWith("go") ? "bootstrap" : "index.handler",
                "codeSize", rand.between(2_000, 30_000_000),
                "description", "",
                "timeout", rand.pick(3, 30, 60, 300),
                "memorySize", rand.pick(128, 256, 512, 1024),
                "lastModified", LAMBDA_TIME.format(modified),
                "codeSha256", rand.lowerAlnum(43) + "=",
                "version", "$LATEST",
                "vpcConfig", inVpc ? obj("subnetIds", J.node(vpc.subnets()), "securityGroupIds",
                        arr(aws.securityGroups(p).isEmpty() ? "sg-" + rand.hex(17) : rand.pick(aws.securityGroups(p))))
                        : obj("subnetIds", arr(), "securityGroupIds", arr()),
                "tracingConfig", obj("mode", rand.pick("PassThrough", "Active")),
                "masterArn", null,
                "revisionId", rand.uuid(),
                "layers", arr(),
                "state", "Active",
                "stateReason", null,
                "stateReasonCode", null,
                "lastUpdateStatus", "Successful",
                "lastUpdateStatusReason", null,
                "lastUpdateStatusReasonCode", null,
                "fileSystemConfigs", arr(),
                "packageType", "Zip",
                "imageConfigResponse", null,
                "signingProfileVersionArn", null,
                "signingJobArn", null,
                "architectures", arr(rand.pick("x86_64", "arm64")),
                "ephemeralStorage", obj("size", 512),
                "kmskeyArn", null,
                "deadLetterConfig", null));
        if (flaws.has("public-policy") || rand.chance(0.4)) {
            ObjectNode statement = flaws.has("public-policy")
                    ? obj("Sid", "public-invoke", "Effect", "Allow", "Principal", "*", "Action", "lambda:InvokeFunction", "Resource", arn)
                    : obj("Sid", "apigw-invoke", "Effect", "Allow", "Principal", obj("Service", "apigateway.amazonaws.com"),
                    "Action", "lambda:InvokeFunction", "Resource", arn, "Condition", obj("ArnLike", obj("AWS:SourceArn",
                            "arn:aws:execute-api:" + p.region() + ":" + p.account() + ":" + rand.lowerAlnum(10) + "/*")));
            supplementary(ci).put("Policy", J.json(obj("Version", "2012-10-17", "Id", "default", "Statement", arr(statement))));
        }
        relate(ci, "AWS::IAM::Role", name + "-role", "Is associated with Role");
        return ctx.done(ci, flaws);
    }

    /** The account's trail with its log bucket and key. */
    List<ObjectNode> trail(Place home) {
        Flaws flaws = ctx.flaws(home.prod() ? 0.15 : 0.6, "single-region", "not-logging", "no-validation", "no-kms",
                "no-cloudwatch", "write-only-events", "no-s3-data-events");
        List<ObjectNode> out = new ArrayList<>();
        String bucketName = home.alias() + "-cloudtrail-" + home.account();
        String trailName = home.alias() + "-trail";
        String trailArn = "arn:aws:cloudtrail:" + home.region() + ":" + home.account() + ":trail/" + trailName;
        List<ObjectNode> delivery = List.of(
                obj("Sid", "AWSCloudTrailAclCheck", "Effect", "Allow", "Principal", obj("Service", "cloudtrail.amazonaws.com"),
                        "Action", "s3:GetBucketAcl", "Resource", "arn:aws:s3:::" + bucketName,
                        "Condition", obj("StringEquals", obj("aws:SourceArn", trailArn))),
                obj("Sid", "AWSCloudTrailWrite", "Effect", "Allow", "Principal", obj("Service", "cloudtrail.amazonaws.com"),
                        "Action", "s3:PutObject", "Resource", "arn:aws:s3:::" + bucketName + "/AWSLogs/" + home.account() + "/*",
                        "Condition", obj("StringEquals", obj("s3:x-amz-acl", "bucket-owner-full-control", "aws:SourceArn", trailArn))));
        out.add(bucket(home, bucketName, "platform", Flaws.NONE, delivery));
        ObjectNode keyItem = key(home, "cloudtrail");
        out.add(keyItem);
        String keyArn = keyItem.get("ARN").asText();
        Instant started = ctx.past(200, 1500);
        boolean cloudWatch = !flaws.has("no-cloudwatch");
        ObjectNode ci = aws.item(home, "AWS::CloudTrail::Trail", trailName, trailName, trailArn, "Not Applicable", null,
                aws.tags(home, "platform", null));
        configuration(ci).setAll(obj(
                "name", trailName,
                "s3BucketName", bucketName,
                "s3KeyPrefix", null,
                "snsTopicName", null,
                "snsTopicARN", null,
                "includeGlobalServiceEvents", true,
                "isMultiRegionTrail", !flaws.has("single-region"),
                "homeRegion", home.region(),
                "trailARN", trailArn,
                "logFileValidationEnabled", !flaws.has("no-validation"),
                "cloudWatchLogsLogGroupArn", cloudWatch ? "arn:aws:logs:" + home.region() + ":" + home.account()
                        + ":log-group:aws-cloudtrail-logs-" + home.account() + ":*" : null,
                "cloudWatchLogsRoleArn", cloudWatch ? "arn:aws:iam::" + home.account() + ":role/CloudTrail_CloudWatchLogs_Role" : null,
                "kmsKeyId", flaws.has("no-kms") ? null : keyArn,
                "hasCustomEventSelectors", !flaws.has("no-s3-data-events"),
                "hasInsightSelectors", false,
                "isOrganizationTrail", false));
        boolean logging = !flaws.has("not-logging");
        Instant lastDelivery = ctx.anchor.minusSeconds(rand.between(60, 900));
        supplementary(ci).set("TrailStatus", obj(
                "isLogging", logging,
                "latestDeliveryError", null,
                "latestNotificationError", null,
                "latestDeliveryTime", GenContext.iso(lastDelivery),
                "latestNotificationTime", null,
                "startLoggingTime", GenContext.iso(started),
                "stopLoggingTime", logging ? null : GenContext.iso(ctx.past(5, 60)),
                "latestCloudWatchLogsDeliveryError", null,
                "latestCloudWatchLogsDeliveryTime", cloudWatch ? GenContext.iso(lastDelivery) : null,
                "latestDigestDeliveryTime", flaws.has("no-validation") ? null : GenContext.iso(lastDelivery),
                "latestDigestDeliveryError", null));
        String readWrite = flaws.has("write-only-events") ? "WriteOnly" : "All";
        boolean s3Data = !flaws.has("no-s3-data-events");
        supplementary(ci).set("EventSelectors", arr(obj("readWriteType", readWrite, "includeManagementEvents", true,
                "dataResources", s3Data ? arr(obj("type", "AWS::S3::Object", "values", arr("arn:aws:s3"))) : arr(),
                "excludeManagementEventSources", arr())));
        aws.trailSettings(home.account(), trailArn, J.withoutNulls(obj(
                "IsLogging", logging,
                "LatestDeliveryTime", GenContext.iso(lastDelivery),
                "StartLoggingTime", GenContext.iso(started),
                "LatestCloudWatchLogsDeliveryTime", cloudWatch ? GenContext.iso(lastDelivery) : null,
                "LatestDigestDeliveryTime", flaws.has("no-validation") ? null : GenContext.iso(lastDelivery),
                "LatestDeliveryAttemptTime", GenContext.iso(lastDelivery),
                "LatestDeliveryAttemptSucceeded", GenContext.iso(lastDelivery),
                "TimeLoggingStarted", GenContext.iso(started),
                "TimeLoggingStopped", "")),
                obj("TrailARN", trailArn, "EventSelectors", arr(obj("ReadWriteType", readWrite, "IncludeManagementEvents", true,
                        "DataResources", s3Data ? arr(obj("Type", "AWS::S3::Object", "Values", arr("arn:aws:s3"))) : arr(),
                        "ExcludeManagementEventSources", arr()))));
        relate(ci, "AWS::S3::Bucket", bucketName, "Is associated with Bucket");
        out.add(ctx.done(ci, flaws));
        return out;
    }

    /** The Config recorder of one region; like the CloudFormation type, its configuration is PascalCase. */
    ObjectNode recorder(Place p) {
        Flaws flaws = ctx.flaws(p.prod() ? 0.1 : 0.4, "not-recording", "partial-recording");
        boolean global = p.region().equals(AwsEstate.GLOBAL_REGION);
        String arn = "arn:aws:config:" + p.region() + ":" + p.account() + ":configuration-recorder/default/" + rand.lowerAlnum(16);
        ObjectNode ci = aws.item(p, "AWS::Config::ConfigurationRecorder", "default", "default", arn, "Not Applicable",
                ctx.past(400, 1600), Map.of());
        boolean partial = flaws.has("partial-recording");
        configuration(ci).setAll(obj(
                "Name", "default",
                "RoleARN", "arn:aws:iam::" + p.account() + ":role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
                "RecordingGroup", obj(
                        "AllSupported", !partial,
                        "IncludeGlobalResourceTypes", !partial && global,
                        "ResourceTypes", partial ? arr("AWS::EC2::Instance", "AWS::S3::Bucket") : arr(),
                        "ExclusionByResourceTypes", obj("ResourceTypes", arr()),
                        "RecordingStrategy", obj("UseOnly", partial ? "INCLUSION_BY_RESOURCE_TYPES" : "ALL_SUPPORTED_RESOURCE_TYPES")),
                "RecordingMode", obj("RecordingFrequency", "CONTINUOUS", "RecordingModeOverrides", arr()),
                "Recording", !flaws.has("not-recording")));
        ObjectNode region = aws.regionSettings(p.account(), p.region());
        region.set("ConfigurationRecorders", arr(obj(
                "name", "default",
                "roleARN", "arn:aws:iam::" + p.account() + ":role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
                "recordingGroup", obj("allSupported", !partial, "includeGlobalResourceTypes", !partial && global,
                        "resourceTypes", partial ? arr("AWS::EC2::Instance", "AWS::S3::Bucket") : arr(),
                        "exclusionByResourceTypes", obj("resourceTypes", arr()),
                        "recordingStrategy", obj("useOnly", partial ? "INCLUSION_BY_RESOURCE_TYPES" : "ALL_SUPPORTED_RESOURCE_TYPES")),
                "recordingMode", obj("recordingFrequency", "CONTINUOUS", "recordingModeOverrides", arr()))));
        Instant started = ctx.past(300, 1500);
        region.set("ConfigurationRecordersStatus", arr(J.withoutNulls(obj("name", "default", "lastStartTime", GenContext.iso(started),
                "lastStopTime", flaws.has("not-recording") ? GenContext.iso(ctx.past(3, 60)) : null,
                "recording", !flaws.has("not-recording"), "lastStatus", "SUCCESS",
                "lastStatusChangeTime", GenContext.iso(ctx.anchor.minusSeconds(rand.between(60, 3600)))))));
        return ctx.done(ci, flaws);
    }
}
