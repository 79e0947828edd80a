package dev.parapet.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks an event against test/resources/ocsf/compliance_finding-1.3.0.json: required attributes present and
 * non-null, every attribute (required or optional) of the declared type, enum values in range, no attribute the
 * class or object does not define, and type_uid = class_uid × 100 + activity_id.
 */
final class OcsfValidator {
    private final JsonNode spec;

    OcsfValidator() throws IOException {
        try (InputStream in = OcsfValidator.class.getResourceAsStream("/ocsf/compliance_finding-1.3.0.json")) {
            spec = Json.MAPPER.readTree(in);
        }
    }

    List<String> problems(JsonNode event) {
        List<String> out = new ArrayList<>();
        JsonNode cls = spec.path("class");
        check(event, cls, "event", out);
        if (event.path("class_uid").asInt() != cls.path("uid").asInt()) {
            out.add("event.class_uid is " + event.path("class_uid") + ", expected " + cls.path("uid"));
        }
        if (event.path("category_uid").asInt() != cls.path("category_uid").asInt()) {
            out.add("event.category_uid is " + event.path("category_uid") + ", expected " + cls.path("category_uid"));
        }
        long expectedType = event.path("class_uid").asLong() * 100 + event.path("activity_id").asLong();
        if (event.path("type_uid").asLong() != expectedType) {
            out.add("event.type_uid is " + event.path("type_uid") + ", expected " + expectedType);
        }
        if (!spec.path("version").asText().equals(event.at("/metadata/version").asText())) {
            out.add("event.metadata.version is " + event.at("/metadata/version") + ", expected " + spec.path("version"));
        }
        return out;
    }

    private void check(JsonNode node, JsonNode def, String path, List<String> out) {
        if (!node.isObject()) {
            out.add(path + " is not an object");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = def.path("required").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = node.get(e.getKey());
            if (value == null || value.isNull()) {
                out.add(path + "." + e.getKey() + " is required");
            } else {
                type(value, e.getValue().asText(), path + "." + e.getKey(), out);
            }
        }
        if (def.has("at_least_one")) {
            boolean any = false;
            for (JsonNode name : def.path("at_least_one")) {
                any |= node.hasNonNull(name.asText()) && !node.path(name.asText()).asText().isEmpty();
            }
            if (!any) {
                out.add(path + " needs at least one of " + def.path("at_least_one"));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode type = def.path("required").has(e.getKey()) ? def.path("required").path(e.getKey())
                    : def.path("optional").path(e.getKey());
            if (type.isMissingNode()) {
                out.add(path + "." + e.getKey() + " is not an attribute this schema defines");
            } else if (!def.path("required").has(e.getKey()) && !e.getValue().isNull()) {
                type(e.getValue(), type.asText(), path + "." + e.getKey(), out);
            }
            JsonNode allowed = def.path("enums").path(e.getKey());
            if (allowed.isArray()) {
                boolean ok = false;
                for (JsonNode a : allowed) {
                    ok |= a.asInt() == e.getValue().asInt() && e.getValue().isInt();
                }
                if (!ok) {
                    out.add(path + "." + e.getKey() + " = " + e.getValue() + " is not one of " + allowed);
                }
            }
        }
    }

    private void type(JsonNode value, String type, String path, List<String> out) {
        if (type.endsWith("[]")) {
            if (!value.isArray()) {
                out.add(path + " is not an array");
                return;
            }
            int i = 0;
            for (JsonNode v : value) {
                type(v, type.substring(0, type.length() - 2), path + "[" + i++ + "]", out);
            }
            return;
        }
        boolean ok = switch (type) {
            case "integer" -> value.isInt();
            case "long", "timestamp" -> value.isIntegralNumber();
            case "string" -> value.isTextual();
            case "object" -> value.isObject();
            default -> {
                check(value, spec.path("objects").path(type), path, out);
                yield true;
            }
        };
        if (!ok) {
            out.add(path + " is not " + type + ": " + value);
        }
    }
}
