package dev.parapet.aws;

import dev.parapet.aws.sdk.AwsClients;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.Type;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A small estate in two regions, made with the real SDK: one healthy and one misconfigured resource of each kind the
 * collectors read, so that each rule has something to pass and something to fail.
 */
public final class Estate {
    public static final String EAST = "us-east-1";
    public static final String WEST = "eu-west-1";
    public static final List<String> REGIONS = List.of(EAST, WEST);

    public static final String PUBLIC_BUCKET = "parapet-test-public-assets";
    public static final String PRIVATE_BUCKET = "parapet-test-private-records";
    public static final String USER_NO_MFA = "maria.lopez";
    public static final String USER_PROGRAMMATIC = "ci-deployer";

    public String sshOpenGroup;
    public String webGroup;
    public String plainVolume;
    public String encryptedVolume;
    public String instance;
    public String vpcWithFlowLog;
    public String unrotatedKey;
    public String rotatedKey;
    public String trailArn;

    public static Estate build(AwsClients aws) {
        Estate e = new Estate();
        e.buckets(aws);
        e.network(aws);
        e.iam(aws);
        e.keys(aws);
        e.databases(aws);
        e.trail(aws);
        e.function(aws);
        return e;
    }

    private void buckets(AwsClients aws) {
        var east = aws.s3(EAST);
        // Request bodies on purpose: the URL-connection client sends no Content-Length on an empty PUT.
        east.createBucket(r -> r.bucket(PUBLIC_BUCKET).createBucketConfiguration(c -> { }));
        String owner = east.getBucketAcl(r -> r.bucket(PUBLIC_BUCKET)).owner().id();
        east.putBucketAcl(r -> r.bucket(PUBLIC_BUCKET).accessControlPolicy(p -> p
                .owner(o -> o.id(owner))
                .grants(Grant.builder().grantee(g -> g.type(Type.CANONICAL_USER).id(owner)).permission(Permission.FULL_CONTROL).build(),
                        Grant.builder().grantee(g -> g.type(Type.GROUP).uri("http://acs.amazonaws.com/groups/global/AllUsers"))
                                .permission(Permission.READ).build())));
        var west = aws.s3(WEST);
        west.createBucket(r -> r.bucket(PRIVATE_BUCKET)
                .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
        west.putPublicAccessBlock(r -> r.bucket(PRIVATE_BUCKET).publicAccessBlockConfiguration(p -> p
                .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true)));
        west.putBucketVersioning(r -> r.bucket(PRIVATE_BUCKET).versioningConfiguration(v -> v.status("Enabled")));
        west.putBucketEncryption(r -> r.bucket(PRIVATE_BUCKET).serverSideEncryptionConfiguration(c -> c.rules(rule -> rule
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS)))));
        west.putBucketPolicy(r -> r.bucket(PRIVATE_BUCKET).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"logging.s3.amazonaws.com\"},\"Action\":\"s3:PutObject\","
                + "\"Resource\":\"arn:aws:s3:::" + PRIVATE_BUCKET + "/access/*\"}]}"));
        west.putBucketLogging(r -> r.bucket(PRIVATE_BUCKET).bucketLoggingStatus(s -> s.loggingEnabled(l -> l
                .targetBucket(PRIVATE_BUCKET).targetPrefix("access/"))));
    }

    private void network(AwsClients aws) {
        Ec2Client east = aws.ec2(EAST);
        String eastVpc = east.describeVpcs().vpcs().get(0).vpcId();
        sshOpenGroup = east.createSecurityGroup(r -> r.groupName("bastion-ssh").description("SSH from anywhere")
                .vpcId(eastVpc)).groupId();
        east.authorizeSecurityGroupIngress(r -> r.groupId(sshOpenGroup).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()));
        plainVolume = east.createVolume(r -> r.availabilityZone("us-east-1a").size(8)).volumeId();
        instance = east.runInstances(r -> r.imageId("ami-12c6146b").instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1)).instances().get(0).instanceId();

        Ec2Client west = aws.ec2(WEST);
        vpcWithFlowLog = west.createVpc(r -> r.cidrBlock("10.20.0.0/16")).vpc().vpcId();
        webGroup = west.createSecurityGroup(r -> r.groupName("web-internal").description("HTTPS from the VPC")
                .vpcId(vpcWithFlowLog)).groupId();
        west.authorizeSecurityGroupIngress(r -> r.groupId(webGroup).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(443).toPort(443).ipRanges(IpRange.builder().cidrIp("10.20.0.0/16").build()).build()));
        encryptedVolume = west.createVolume(r -> r.availabilityZone("eu-west-1a").size(8).encrypted(true)).volumeId();
        west.createFlowLogs(r -> r.resourceIds(vpcWithFlowLog).resourceType("VPC").trafficType("ALL")
                .logDestinationType("s3").logDestination("arn:aws:s3:::" + PRIVATE_BUCKET));
    }

    private void iam(AwsClients aws) {
        var iam = aws.iam();
        iam.createUser(r -> r.userName(USER_NO_MFA));
        iam.createLoginProfile(r -> r.userName(USER_NO_MFA).password("Correct-Horse-Battery-9"));
        iam.createUser(r -> r.userName(USER_PROGRAMMATIC));
        String policy = iam.createPolicy(r -> r.policyName("deployer-read").policyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}")).policy().arn();
        iam.attachUserPolicy(r -> r.userName(USER_PROGRAMMATIC).policyArn(policy));
        iam.updateAccountPasswordPolicy(r -> r.minimumPasswordLength(8).requireNumbers(true));
    }

    private void keys(AwsClients aws) {
        unrotatedKey = aws.kms(EAST).createKey(r -> r.description("app data")).keyMetadata().keyId();
        rotatedKey = aws.kms(WEST).createKey(r -> r.description("records")).keyMetadata().keyId();
        aws.kms(WEST).enableKeyRotation(r -> r.keyId(rotatedKey));
    }

    private void databases(AwsClients aws) {
        aws.rds(EAST).createDBInstance(r -> r.dbInstanceIdentifier("orders-db").engine("postgres")
                .dbInstanceClass("db.t3.micro").allocatedStorage(20).masterUsername("app").masterUserPassword("not-a-secret-1")
                .publiclyAccessible(true).storageEncrypted(false).backupRetentionPeriod(1));
        aws.rds(WEST).createDBInstance(r -> r.dbInstanceIdentifier("records-db").engine("postgres")
                .dbInstanceClass("db.t3.micro").allocatedStorage(20).masterUsername("app").masterUserPassword("not-a-secret-2")
                .publiclyAccessible(false).storageEncrypted(true).backupRetentionPeriod(14).deletionProtection(true)
                .multiAZ(true));
    }

    private void trail(AwsClients aws) {
        var ct = aws.cloudTrail(EAST);
        trailArn = ct.createTrail(r -> r.name("org-audit").s3BucketName(PUBLIC_BUCKET).isMultiRegionTrail(true)
                .enableLogFileValidation(true)).trailARN();
        ct.startLogging(r -> r.name("org-audit"));
        ct.putEventSelectors(r -> r.trailName("org-audit").eventSelectors(s -> s.readWriteType("All")
                .includeManagementEvents(true)));
    }

    private void function(AwsClients aws) {
        String role = aws.iam().createRole(r -> r.roleName("thumbnailer-role").assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                        + "\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
        aws.lambda(EAST).createFunction(r -> r.functionName("thumbnailer").runtime("python3.8").role(role)
                .handler("app.handler").code(c -> c.zipFile(SdkBytes.fromByteArray(zip()))));
        aws.lambda(EAST).addPermission(r -> r.functionName("thumbnailer").statementId("public")
                .action("lambda:InvokeFunction").principal("*"));
    }

    private static byte[] zip() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.putNextEntry(new ZipEntry("app.py"));
                zip.write("def handler(event, context):\n    return event\n".getBytes());
                zip.closeEntry();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
