package dev.parapet.aws.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.aws.collect.AccountCollector.Aspect;
import dev.parapet.aws.collect.CloudTrailCollector;
import dev.parapet.aws.collect.Ec2Collector;
import dev.parapet.aws.collect.IamCollector;
import dev.parapet.aws.collect.KmsCollector;
import dev.parapet.aws.collect.LambdaCollector;
import dev.parapet.aws.collect.RdsCollector;
import dev.parapet.aws.collect.S3Collector;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which resource a CloudTrail management event ("AWS API Call via CloudTrail") touched, from its eventSource,
 * eventName, requestParameters and responseElements, for the write calls that change what rules read.
 */
public final class CloudTrailTouches {
    private record Entry(String source, Pattern names, String type, Function<JsonNode, List<String>> keys,
                         Pattern deleting, Set<Aspect> aspects) {
    }

    private static final List<Entry> ENTRIES = new ArrayList<>();

    private static void on(String source, String names, String type, Function<JsonNode, List<String>> keys,
                           String deleting, Aspect... aspects) {
        ENTRIES.add(new Entry(source, Pattern.compile(names), type, keys,
                deleting == null ? null : Pattern.compile(deleting), Set.of(aspects)));
    }

    static {
        String s3 = "s3.amazonaws.com";
        on(s3, "PutAccountPublicAccessBlock|DeleteAccountPublicAccessBlock", null, d -> List.of(), null,
                Aspect.PUBLIC_ACCESS_BLOCK);
        on(s3, "CreateBucket|DeleteBucket|PutBucket.*|DeleteBucket.*|PutPublicAccessBlock|DeletePublicAccessBlock",
                S3Collector.BUCKET, d -> texts(d, "requestParameters/bucketName"), "DeleteBucket");
        String ec2 = "ec2.amazonaws.com";
        on(ec2, "EnableEbsEncryptionByDefault|DisableEbsEncryptionByDefault|ModifyEbsDefaultKmsKeyId", null,
                d -> List.of(), null, Aspect.EBS_DEFAULT);
        on(ec2, "CreateSecurityGroup", Ec2Collector.SECURITY_GROUP, d -> texts(d, "responseElements/groupId"), null);
        on(ec2, "(Authorize|Revoke)SecurityGroup(Ingress|Egress)|ModifySecurityGroupRules|DeleteSecurityGroup"
                        + "|UpdateSecurityGroupRuleDescriptions(Ingress|Egress)",
                Ec2Collector.SECURITY_GROUP, d -> texts(d, "requestParameters/groupId", "requestParameters/ModifySecurityGroupRulesRequest/GroupId"),
                "DeleteSecurityGroup");
        on(ec2, "RunInstances|TerminateInstances|StartInstances|StopInstances", Ec2Collector.INSTANCE,
                d -> items(d, "responseElements/instancesSet/items", "instanceId"), null);
        on(ec2, "ModifyInstanceMetadataOptions|AssociateIamInstanceProfile|DisassociateIamInstanceProfile|ModifyInstanceAttribute",
                Ec2Collector.INSTANCE, d -> texts(d, "requestParameters/instanceId",
                        "requestParameters/ModifyInstanceMetadataOptionsRequest/InstanceId",
                        "requestParameters/AssociateIamInstanceProfileRequest/InstanceId",
                        "responseElements/AssociateIamInstanceProfileResponse/iamInstanceProfileAssociation/instanceId"), null);
        on(ec2, "CreateVolume|ModifyVolume", Ec2Collector.VOLUME,
                d -> texts(d, "responseElements/volumeId", "requestParameters/ModifyVolumeRequest/VolumeId"), null);
        on(ec2, "DeleteVolume", Ec2Collector.VOLUME, d -> texts(d, "requestParameters/volumeId"), "DeleteVolume");
        on(ec2, "CreateVpc", Ec2Collector.VPC, d -> texts(d, "responseElements/vpc/vpcId"), null);
        on(ec2, "DeleteVpc", Ec2Collector.VPC, d -> texts(d, "requestParameters/vpcId"), "DeleteVpc");
        on(ec2, "CreateFlowLogs|DeleteFlowLogs", Ec2Collector.FLOW_LOG, d -> List.of("*"), null);
        String iam = "iam.amazonaws.com";
        on(iam, "UpdateAccountPasswordPolicy|DeleteAccountPasswordPolicy", null, d -> List.of(), null,
                Aspect.PASSWORD_POLICY);
        on(iam, "CreateLoginProfile|DeleteLoginProfile|UpdateLoginProfile|EnableMFADevice|DeactivateMFADevice"
                        + "|CreateAccessKey|UpdateAccessKey|DeleteAccessKey|CreateUser|DeleteUser",
                IamCollector.USER, d -> texts(d, "requestParameters/userName", "responseElements/user/userName"),
                "DeleteUser", Aspect.CREDENTIAL_REPORT, Aspect.SUMMARY);
        on(iam, "AttachUserPolicy|DetachUserPolicy|PutUserPolicy|DeleteUserPolicy|AddUserToGroup|RemoveUserFromGroup"
                        + "|TagUser|UntagUser|PutUserPermissionsBoundary|DeleteUserPermissionsBoundary",
                IamCollector.USER, d -> texts(d, "requestParameters/userName"), null);
        on(iam, "CreatePolicy", IamCollector.POLICY, d -> texts(d, "responseElements/policy/arn"), null);
        on(iam, "CreatePolicyVersion|DeletePolicyVersion|SetDefaultPolicyVersion|DeletePolicy", IamCollector.POLICY,
                d -> texts(d, "requestParameters/policyArn"), "DeletePolicy");
        on(iam, "CreateVirtualMFADevice|DeleteVirtualMFADevice", null, d -> List.of(), null, Aspect.SUMMARY);
        String rds = "rds.amazonaws.com";
        on(rds, "CreateDBInstance|ModifyDBInstance|DeleteDBInstance|RestoreDBInstance.*|CreateDBInstanceReadReplica",
                RdsCollector.INSTANCE, d -> texts(d, "requestParameters/dBInstanceIdentifier"), null);
        on(rds, "CreateDBCluster|ModifyDBCluster|DeleteDBCluster|RestoreDBCluster.*", RdsCollector.CLUSTER,
                d -> texts(d, "requestParameters/dBClusterIdentifier"), null);
        String kms = "kms.amazonaws.com";
        on(kms, "CreateKey", KmsCollector.KEY, d -> texts(d, "responseElements/keyMetadata/keyId"), null);
        on(kms, "EnableKeyRotation|DisableKeyRotation|ScheduleKeyDeletion|CancelKeyDeletion|EnableKey|DisableKey",
                KmsCollector.KEY, d -> texts(d, "requestParameters/keyId"), null);
        String trail = "cloudtrail.amazonaws.com";
        on(trail, "CreateTrail|UpdateTrail|DeleteTrail|StartLogging|StopLogging|PutEventSelectors", CloudTrailCollector.TRAIL,
                d -> texts(d, "requestParameters/name", "requestParameters/trailName"), "DeleteTrail", Aspect.TRAILS);
        String lambda = "lambda.amazonaws.com";
        on(lambda, "CreateFunction.*|UpdateFunctionConfiguration.*|UpdateFunctionCode.*|AddPermission.*|RemovePermission.*",
                LambdaCollector.FUNCTION, d -> functionNames(texts(d, "requestParameters/functionName")), null);
        on(lambda, "DeleteFunction.*", LambdaCollector.FUNCTION,
                d -> functionNames(texts(d, "requestParameters/functionName")), "DeleteFunction.*");
        on("config.amazonaws.com", "PutConfigurationRecorder|StartConfigurationRecorder|StopConfigurationRecorder"
                + "|DeleteConfigurationRecorder", null, d -> List.of(), null, Aspect.RECORDERS);
        on(iam, "UploadServerCertificate|DeleteServerCertificate|UpdateServerCertificate", null, d -> List.of(), null,
                Aspect.SERVER_CERTIFICATES);
        on("securityhub.amazonaws.com", "EnableSecurityHub|DisableSecurityHub|UpdateSecurityHubConfiguration", null,
                d -> List.of(), null, Aspect.SECURITY_HUB);
        on("guardduty.amazonaws.com", "CreateDetector|DeleteDetector|UpdateDetector", null, d -> List.of(), null,
                Aspect.GUARDDUTY);
        on("access-analyzer.amazonaws.com", "CreateAnalyzer|DeleteAnalyzer", null, d -> List.of(), null, Aspect.ANALYZERS);
    }

    private CloudTrailTouches() {
    }

    /** The touches of one event's detail; empty when the call changes nothing the rules read. */
    public static List<Touch> of(JsonNode detail) {
        String source = detail.path("eventSource").asText("");
        String name = detail.path("eventName").asText("");
        List<Touch> out = new ArrayList<>();
        for (Entry e : ENTRIES) {
            if (!e.source().equals(source) || !e.names().matcher(name).matches()) {
                continue;
            }
            boolean deletes = e.deleting() != null && e.deleting().matcher(name).matches();
            if (e.type() == null) {
                out.add(new Touch(null, null, false, e.aspects()));
                continue;
            }
            List<String> keys = e.keys().apply(detail);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("CloudTrail event " + source + " " + name
                        + " names no resource where expected (requestParameters / responseElements)");
            }
            for (String key : keys) {
                out.add(new Touch(e.type(), key, deletes, e.aspects()));
            }
        }
        return out;
    }

    /** The first present text of the given slash paths. */
    private static List<String> texts(JsonNode detail, String... paths) {
        for (String path : paths) {
            JsonNode n = detail.at("/" + path);
            if (n.isTextual() && !n.asText().isBlank()) {
                return List.of(n.asText());
            }
        }
        return List.of();
    }

    private static List<String> items(JsonNode detail, String path, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : detail.at("/" + path)) {
            if (item.path(field).isTextual()) {
                out.add(item.path(field).asText());
            }
        }
        return out;
    }

    /** A function name may come as an ARN (possibly with a version or alias): the name is what the API takes. */
    private static List<String> functionNames(List<String> names) {
        return names.stream().map(n -> {
            int at = n.indexOf(":function:");
            if (at < 0) {
                return n;
            }
            String rest = n.substring(at + ":function:".length());
            int colon = rest.indexOf(':');
            return colon < 0 ? rest : rest.substring(0, colon);
        }).toList();
    }
}
