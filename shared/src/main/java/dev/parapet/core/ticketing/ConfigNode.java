package dev.parapet.core.ticketing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** One node of the ticketing YAML with its path, so that every error names the file and the key. */
record ConfigNode(JsonNode node, String source, String path) {

    static ConfigNode root(JsonNode node, String source) {
        return new ConfigNode(node == null ? MissingNode.getInstance() : node, source, "");
    }

    boolean present() {
        return !node.isMissingNode() && !node.isNull();
    }

    ConfigNode get(String key) {
        JsonNode child = node.isObject() ? node.get(key) : null;
        return new ConfigNode(child == null ? MissingNode.getInstance() : child, source, path.isEmpty() ? key : path + "." + key);
    }

    IllegalArgumentException problem(String message) {
        return new IllegalArgumentException(source + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    /** The keys must be among {@code allowed}: a misspelt key is an error, not a silently ignored setting. */
    ConfigNode object(String... allowed) {
        if (!present()) {
            return this;
        }
        if (!node.isObject()) {
            throw problem("expected a mapping, got " + node.getNodeType().name().toLowerCase());
        }
        Set<String> known = Set.of(allowed);
        Set<String> unknown = new TreeSet<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw problem("unknown key(s) " + unknown + " (expected some of " + new TreeSet<>(known) + ")");
        }
        return this;
    }

    String text(String fallback) {
        if (!present()) {
            return fallback;
        }
        if (!node.isValueNode()) {
            throw problem("expected a text value, got " + node.getNodeType().name().toLowerCase());
        }
        String value = node.asText().trim();
        return value.isEmpty() ? fallback : value;
    }

    String required() {
        String value = text(null);
        if (value == null) {
            throw problem("is required");
        }
        return value;
    }

    Duration duration(Duration fallback) {
        String value = text(null);
        if (value == null) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(value);
            if (d.isNegative()) {
                throw problem("must not be negative: " + value);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw problem("expected an ISO-8601 duration such as PT30S, PT10M or P7D, got '" + value + "'");
        }
    }

    int integer(int fallback, int min, int max) {
        if (!present()) {
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw problem("expected a whole number, got '" + node.asText() + "'");
        }
        int value = node.asInt();
        if (value < min || value > max) {
            throw problem("must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** A list of text values; a single value counts as a list of one. */
    List<String> texts() {
        List<String> out = new ArrayList<>();
        if (!present()) {
            return out;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(new ConfigNode(node.get(i), source, path + "[" + i + "]").required());
            }
        } else {
            out.add(required());
        }
        return out;
    }

    /** A mapping of text to text, in file order. */
    Map<String, String> textMap() {
        Map<String, String> out = new LinkedHashMap<>();
        if (!present()) {
            return out;
        }
        if (!node.isObject()) {
            throw problem("expected a mapping, got " + node.getNodeType().name().toLowerCase());
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            out.put(name, get(name).required());
        }
        return out;
    }

    List<ConfigNode> list() {
        List<ConfigNode> out = new ArrayList<>();
        if (!present()) {
            return out;
        }
        if (!node.isArray()) {
            throw problem("expected a list, got " + node.getNodeType().name().toLowerCase());
        }
        for (int i = 0; i < node.size(); i++) {
            out.add(new ConfigNode(node.get(i), source, path + "[" + i + "]"));
        }
        return out;
    }
}
