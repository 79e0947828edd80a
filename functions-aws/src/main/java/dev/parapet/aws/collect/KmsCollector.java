package dev.parapet.aws.collect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.aws.sdk.AwsErrors;
import dev.parapet.aws.sdk.SdkJson;
import dev.parapet.core.json.Json;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

import java.util.Set;

/**
 * KMS keys: DescribeKey's KeyMetadata in Config's lower-camel shape, with the rotation state (GetKeyRotationStatus)
 * in supplementaryConfiguration.KeyRotationStatus as Config records it. Rotation is read only where it exists:
 * enabled customer managed keys.
 */
public final class KmsCollector implements ServiceCollector {
    public static final String KEY = "AWS::KMS::Key";

    @Override
    public Set<String> types() {
        return Set.of(KEY);
    }

    @Override
    public boolean global() {
        return false;
    }

    @Override
    public void collect(Target target, String region, Set<String> types, Collected out) {
        KmsClient kms = target.clients().kms(region);
        for (KeyListEntry k : Listing.of(out, region, KEY, "kms:ListKeys",
                () -> kms.listKeysPaginator(r -> { }).keys().stream().toList())) {
            Read<KeyMetadata> meta = Read.of(out, region, "kms:DescribeKey", k.keyArn(),
                    () -> kms.describeKey(r -> r.keyId(k.keyId())).keyMetadata(), null);
            if (meta.ok()) {
                key(target, region, kms, meta.value(), out);
            }
        }
    }

    @Override
    public boolean collectOne(Target target, String region, String type, String key, Collected out) {
        KmsClient kms = target.clients().kms(region);
        try {
            key(target, region, kms, kms.describeKey(r -> r.keyId(key)).keyMetadata(), out);
            return true;
        } catch (RuntimeException e) {
            if (AwsErrors.is(e, "NotFoundException")) {
                return false;
            }
            throw e;
        }
    }

    private static void key(Target t, String region, KmsClient kms, KeyMetadata m, Collected out) {
        ObjectNode c = SdkJson.object(m, SdkJson.Style.CONFIG);
        ObjectNode sup = Json.MAPPER.createObjectNode();
        if ("CUSTOMER".equals(m.keyManagerAsString()) && "Enabled".equals(m.keyStateAsString())) {
            Read<Boolean> rotation = Read.of(out, region, "kms:GetKeyRotationStatus", m.arn(),
                    () -> kms.getKeyRotationStatus(r -> r.keyId(m.keyId())).keyRotationEnabled(), null);
            if (rotation.ok()) {
                sup.put("KeyRotationStatus", rotation.value());
            } else {
                sup.put("KeyRotationStatus", rotation.unreadableText());
            }
        }
        ConfigItems.Key key = new ConfigItems.Key(t.account(), region, KEY, m.keyId(), m.arn(), m.keyId());
        out.item(ConfigItems.item(key, out.now(), m.creationDate(), c, sup, null), "kms key " + m.keyId());
    }
}
