package dev.parapet.aws.collect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.json.Json;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.GetBucketLoggingResponse;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.Tag;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * S3 buckets as Config records AWS::S3::Bucket: configuration {name, owner, creationDate} and the bucket's settings
 * in supplementaryConfiguration with Config's names and value spellings (FullControl, "AllUsers", status "Off").
 */
public final class S3Collector implements ServiceCollector {
    public static final String BUCKET = "AWS::S3::Bucket";

    @Override
    public Set<String> types() {
        return Set.of(BUCKET);
    }

    @Override
    public boolean global() {
        return true;
    }

    @Override
    public void collect(Target target, String region, Set<String> types, Collected out) {
        ListBucketsResponse list;
        try {
            list = target.clients().s3("us-east-1").listBuckets();
        } catch (RuntimeException e) {
            out.unreadable(BUCKET, "*", "s3:ListAllMyBuckets", e);
            return;
        }
        for (Bucket b : list.buckets()) {
            bucket(target, b.name(), b.creationDate(), list.owner() == null ? null : list.owner().id(), out);
        }
    }

    @Override
    public boolean collectOne(Target target, String region, String type, String key, Collected out) {
        ListBucketsResponse list = target.clients().s3("us-east-1").listBuckets();
        for (Bucket b : list.buckets()) {
            if (b.name().equals(key)) {
                bucket(target, b.name(), b.creationDate(), list.owner() == null ? null : list.owner().id(), out);
                return true;
            }
        }
        return false;
    }

    private void bucket(Target target, String name, Instant created, String ownerId, Collected out) {
        Read<String> location = Read.of(out, "global", "s3:GetBucketLocation", name,
                () -> target.clients().s3("us-east-1").getBucketLocation(r -> r.bucket(name)).locationConstraintAsString(),
                null);
        if (location.failed()) {
            return; // without its region the bucket cannot be placed in a scope; reported as a problem
        }
        String region = bucketRegion(location.value());
        S3Client s3 = target.clients().s3(region);
        ObjectNode configuration = Json.MAPPER.createObjectNode();
        configuration.put("name", name);
        configuration.putObject("owner").put("id", ownerId);
        configuration.put("creationDate", created == null ? null : created.toString());

        ObjectNode sup = Json.MAPPER.createObjectNode();
        Read<GetBucketAclResponse> acl = Read.of(out, region, "s3:GetBucketAcl", name,
                () -> s3.getBucketAcl(r -> r.bucket(name)), null);
        if (acl.ok()) {
            sup.set("AccessControlList", acl(acl.value()));
        } else {
            sup.put("AccessControlList", acl.unreadableText());
        }
        Read<GetBucketLoggingResponse> logging = Read.of(out, region, "s3:GetBucketLogging", name,
                () -> s3.getBucketLogging(r -> r.bucket(name)), null);
        if (logging.ok()) {
            ObjectNode l = sup.putObject("BucketLoggingConfiguration");
            var enabled = logging.value().loggingEnabled();
            l.put("destinationBucketName", enabled == null ? null : enabled.targetBucket());
            l.put("logFilePrefix", enabled == null ? null : enabled.targetPrefix());
        } else {
            sup.put("BucketLoggingConfiguration", logging.unreadableText());
        }
        Read<GetBucketVersioningResponse> versioning = Read.of(out, region, "s3:GetBucketVersioning", name,
                () -> s3.getBucketVersioning(r -> r.bucket(name)), null);
        if (versioning.ok()) {
            ObjectNode v = sup.putObject("BucketVersioningConfiguration");
            String status = versioning.value().statusAsString();
            v.put("status", status == null ? "Off" : status);
            String mfa = versioning.value().mfaDeleteAsString();
            if (mfa == null) {
                v.putNull("isMfaDeleteEnabled");
            } else {
                v.put("isMfaDeleteEnabled", "Enabled".equals(mfa));
            }
        } else {
            sup.put("BucketVersioningConfiguration", versioning.unreadableText());
        }
        Read<PublicAccessBlockConfiguration> pab = Read.of(out, region, "s3:GetBucketPublicAccessBlock", name,
                () -> s3.getPublicAccessBlock(r -> r.bucket(name)).publicAccessBlockConfiguration(),
                Read.codes("NoSuchPublicAccessBlockConfiguration"));
        if (pab.ok()) { // Config omits the block when the bucket has none
            ObjectNode p = sup.putObject("PublicAccessBlockConfiguration");
            p.put("blockPublicAcls", Boolean.TRUE.equals(pab.value().blockPublicAcls()));
            p.put("ignorePublicAcls", Boolean.TRUE.equals(pab.value().ignorePublicAcls()));
            p.put("blockPublicPolicy", Boolean.TRUE.equals(pab.value().blockPublicPolicy()));
            p.put("restrictPublicBuckets", Boolean.TRUE.equals(pab.value().restrictPublicBuckets()));
        } else if (pab.failed()) {
            sup.put("PublicAccessBlockConfiguration", pab.unreadableText());
        }
        Read<GetBucketEncryptionResponse> encryption = Read.of(out, region, "s3:GetEncryptionConfiguration", name,
                () -> s3.getBucketEncryption(r -> r.bucket(name)),
                Read.codes("ServerSideEncryptionConfigurationNotFoundError"));
        if (encryption.ok()) {
            ArrayNode rules = sup.putObject("ServerSideEncryptionConfiguration").putArray("rules");
            for (ServerSideEncryptionRule rule : encryption.value().serverSideEncryptionConfiguration().rules()) {
                ObjectNode r = rules.addObject();
                ObjectNode d = r.putObject("applyServerSideEncryptionByDefault");
                var byDefault = rule.applyServerSideEncryptionByDefault();
                d.put("sseAlgorithm", byDefault == null ? null : byDefault.sseAlgorithmAsString());
                d.put("kmsMasterKeyID", byDefault == null ? null : byDefault.kmsMasterKeyID());
                r.put("bucketKeyEnabled", Boolean.TRUE.equals(rule.bucketKeyEnabled()));
            }
        } else if (encryption.failed()) {
            sup.put("ServerSideEncryptionConfiguration", encryption.unreadableText());
        }
        Read<String> policy = Read.of(out, region, "s3:GetBucketPolicy", name,
                () -> s3.getBucketPolicy(r -> r.bucket(name)).policy(), Read.codes("NoSuchBucketPolicy"));
        if (policy.failed()) {
            sup.put("BucketPolicy", policy.unreadableText());
        } else {
            sup.putObject("BucketPolicy").put("policyText", policy.value());
        }
        Map<String, String> tags = new LinkedHashMap<>();
        Read<java.util.List<Tag>> tagging = Read.of(out, region, "s3:GetBucketTagging", name,
                () -> s3.getBucketTagging(r -> r.bucket(name)).tagSet(), Read.codes("NoSuchTagSet", "NoSuchTagSetError"));
        if (tagging.ok()) {
            tagging.value().forEach(t -> tags.put(t.key(), t.value()));
        }
        ConfigItems.Key key = new ConfigItems.Key(target.account(), region, BUCKET, name, "arn:aws:s3:::" + name, name);
        out.item(ConfigItems.item(key, out.now(), created, configuration, sup, tags), "s3 bucket " + name);
    }

    /** GetBucketLocation answers null for us-east-1 and "EU" for the oldest eu-west-1 buckets. */
    static String bucketRegion(String constraint) {
        if (constraint == null || constraint.isBlank()) {
            return "us-east-1";
        }
        return "EU".equals(constraint) ? "eu-west-1" : constraint;
    }

    /** Config's AccessControlList: canonical users as {id, displayName}, groups by their short name. */
    private static ObjectNode acl(GetBucketAclResponse acl) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.putNull("grantSet");
        ObjectNode owner = out.putObject("owner");
        owner.put("displayName", acl.owner() == null ? null : acl.owner().displayName());
        owner.put("id", acl.owner() == null ? null : acl.owner().id());
        ArrayNode grants = out.putArray("grantList");
        for (Grant g : acl.grants()) {
            ObjectNode grant = grants.addObject();
            Grantee grantee = g.grantee();
            if (grantee != null && grantee.uri() != null) {
                String uri = grantee.uri();
                grant.put("grantee", uri.substring(uri.lastIndexOf('/') + 1));
            } else if (grantee != null && grantee.emailAddress() != null) {
                grant.putObject("grantee").put("identifier", grantee.emailAddress());
            } else {
                ObjectNode user = grant.putObject("grantee");
                user.put("id", grantee == null ? null : grantee.id());
                user.put("displayName", grantee == null ? null : grantee.displayName());
            }
            grant.put("permission", permission(g.permissionAsString()));
        }
        out.put("isRequesterCharged", false);
        return out;
    }

    /** The API's FULL_CONTROL as Config spells it: FullControl. */
    static String permission(String api) {
        if (api == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (String part : api.toLowerCase(java.util.Locale.ROOT).split("_")) {
            if (!part.isEmpty()) {
                b.append(part.equals("acp") ? "Acp" : Character.toUpperCase(part.charAt(0)) + part.substring(1));
            }
        }
        return b.toString();
    }
}
