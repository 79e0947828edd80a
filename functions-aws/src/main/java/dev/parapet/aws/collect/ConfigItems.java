package dev.parapet.aws.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.json.Json;

import java.time.Instant;
import java.util.Map;

/**
 * Builds configuration items in the shape AWS Config records them (version 1.3), for resources read through the
 * service APIs. Only what rules and the parser use is filled in; relationships are left empty.
 */
public final class ConfigItems {
    private ConfigItems() {
    }

    public record Key(String account, String region, String type, String resourceId, String arn, String name) {
    }

    public static ObjectNode item(Key key, Instant captured, Instant created, JsonNode configuration,
                                  ObjectNode supplementary, Map<String, String> tags) {
        ObjectNode ci = Json.MAPPER.createObjectNode();
        ci.put("version", "1.3");
        ci.put("awsAccountId", key.account());
        ci.put("configurationItemCaptureTime", captured.toString());
        ci.put("configurationItemStatus", "OK");
        if (key.arn() != null) {
            ci.put("arn", key.arn());
        }
        ci.put("resourceType", key.type());
        ci.put("resourceId", key.resourceId());
        ci.put("resourceName", key.name() != null ? key.name() : key.resourceId());
        ci.put("awsRegion", key.region());
        ci.put("availabilityZone", "global".equals(key.region()) ? "Not Applicable" : "Regional");
        if (created != null) {
            ci.put("resourceCreationTime", created.toString());
        }
        ObjectNode tagNode = ci.putObject("tags");
        if (tags != null) {
            tags.forEach(tagNode::put);
        }
        ci.putArray("relationships");
        ci.set("configuration", configuration);
        ci.set("supplementaryConfiguration", supplementary != null ? supplementary : Json.MAPPER.createObjectNode());
        return ci;
    }

    /** An item saying the resource is gone (Config's ResourceDeleted), observed at {@code at}. */
    public static ObjectNode deleted(Key key, Instant at) {
        ObjectNode ci = item(key, at, null, Json.MAPPER.nullNode(), null, Map.of());
        ci.put("configurationItemStatus", "ResourceDeleted");
        return ci;
    }

    /** EC2 and most services return tags as [{Key, Value}] (or key/value in Config style): to a plain map. */
    public static Map<String, String> tagMap(JsonNode list) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (list instanceof ArrayNode array) {
            for (JsonNode t : array) {
                String k = Json.text(t, t.has("key") ? "key" : "Key");
                if (k != null) {
                    String v = Json.text(t, t.has("value") ? "value" : "Value");
                    out.put(k, v == null ? "" : v);
                }
            }
        }
        return out;
    }
}
