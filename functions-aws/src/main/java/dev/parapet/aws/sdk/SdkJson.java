package dev.parapet.aws.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * SDK v2 model objects to JSON through the SDK's own field metadata (no reflection): the member names the service
 * documents, in one of two styles.
 */
public final class SdkJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** How member names and absent members are written. */
    public enum Style {
        /**
         * As the API response documents them: member names as the service spells them, absent members omitted
         * (so a rule's has() sees what the API omitted).
         */
        API,
        /**
         * As AWS Config records the older services' items: first letter lower-cased (GroupName → groupName,
         * DBInstanceArn → dBInstanceArn), absent scalars as null and absent lists as [].
         */
        CONFIG
    }

    private SdkJson() {
    }

    public static ObjectNode object(SdkPojo pojo, Style style) {
        ObjectNode out = F.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            String name = style == Style.CONFIG ? decapitalize(field.memberName()) : field.memberName();
            if (isAbsent(value)) {
                if (style == Style.CONFIG) {
                    out.set(name, value instanceof Collection<?> ? F.arrayNode()
                            : value instanceof Map<?, ?> ? F.objectNode() : F.nullNode());
                }
                continue;
            }
            out.set(name, value(value, style));
        }
        return out;
    }

    private static boolean isAbsent(Object value) {
        return value == null || value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>;
    }

    public static JsonNode value(Object value, Style style) {
        if (value == null) {
            return F.nullNode();
        }
        if (value instanceof SdkPojo p) {
            return object(p, style);
        }
        if (value instanceof String s) {
            return F.textNode(s);
        }
        if (value instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return F.numberNode(i);
        }
        if (value instanceof Long l) {
            return F.numberNode(l);
        }
        if (value instanceof Double d) {
            return F.numberNode(d);
        }
        if (value instanceof Float f) {
            return F.numberNode(f);
        }
        if (value instanceof BigDecimal d) {
            return F.numberNode(d);
        }
        if (value instanceof Short s) {
            return F.numberNode(s);
        }
        if (value instanceof Instant t) {
            return F.textNode(t.toString());
        }
        if (value instanceof SdkBytes b) {
            return F.textNode(b.asUtf8String());
        }
        if (value instanceof Collection<?> list) {
            ArrayNode out = F.arrayNode();
            list.forEach(e -> out.add(value(e, style)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode out = F.objectNode();
            map.forEach((k, v) -> out.set(String.valueOf(k), value(v, style)));
            return out;
        }
        if (value instanceof Document d) {
            return document(d);
        }
        return F.textNode(value.toString());
    }

    private static JsonNode document(Document d) {
        if (d.isNull()) {
            return F.nullNode();
        }
        if (d.isString()) {
            return F.textNode(d.asString());
        }
        if (d.isBoolean()) {
            return F.booleanNode(d.asBoolean());
        }
        if (d.isNumber()) {
            return F.numberNode(d.asNumber().bigDecimalValue());
        }
        if (d.isList()) {
            ArrayNode out = F.arrayNode();
            d.asList().forEach(e -> out.add(document(e)));
            return out;
        }
        ObjectNode out = F.objectNode();
        d.asMap().forEach((k, v) -> out.set(k, document(v)));
        return out;
    }

    static String decapitalize(String name) {
        if (name == null || name.isEmpty() || Character.isLowerCase(name.charAt(0))) {
            return name;
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
