package dev.parapet.cli.estate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.json.Json;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Terse JSON literals for the document templates: {@code obj("key", value, ...)} and {@code arr(a, b)}. */
final class J {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private J() {
    }

    /** An object from alternating keys and values (String, Number, Boolean, null, JsonNode, Map, Collection). */
    static ObjectNode obj(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("obj() needs key/value pairs, got " + keysAndValues.length + " arguments");
        }
        ObjectNode o = F.objectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            o.set((String) keysAndValues[i], node(keysAndValues[i + 1]));
        }
        return o;
    }

    /** The object without its null-valued fields, as APIs that omit unset fields return it. */
    static ObjectNode withoutNulls(ObjectNode o) {
        List<String> nulls = new ArrayList<>();
        o.fieldNames().forEachRemaining(name -> {
            if (o.get(name).isNull()) {
                nulls.add(name);
            }
        });
        o.remove(nulls);
        return o;
    }

    /** Compact JSON text of a node, as the clouds embed JSON documents in strings. */
    static String json(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a generated document", e);
        }
    }

    static ArrayNode arr(Object... items) {
        ArrayNode a = F.arrayNode();
        for (Object item : items) {
            a.add(node(item));
        }
        return a;
    }

    static JsonNode node(Object value) {
        if (value == null) {
            return F.nullNode();
        }
        if (value instanceof JsonNode n) {
            return n;
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
        if (value instanceof Map<?, ?> m) {
            ObjectNode o = F.objectNode();
            m.forEach((k, v) -> o.set(String.valueOf(k), node(v)));
            return o;
        }
        if (value instanceof Collection<?> c) {
            ArrayNode a = F.arrayNode();
            c.forEach(item -> a.add(node(item)));
            return a;
        }
        throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
    }
}
