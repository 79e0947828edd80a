package dev.parapet.gcp.function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.json.Json;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One JSON object per line on stdout, the structured form Cloud Logging reads from Cloud Functions (severity,
 * message, labels; other fields land in jsonPayload). Values registered as secrets are masked in every line, whatever
 * field or exception message carries them.
 */
public final class JsonLog {
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final String MASK = "[redacted]";
    private static volatile PrintStream out = System.out;

    private JsonLog() {
    }

    /** Never logged from now on, wherever it appears. Short values are ignored: masking them would garble lines. */
    public static void secret(String value) {
        if (value != null && value.length() >= 4) {
            SECRETS.add(value);
        }
    }

    public static void info(String message, Map<String, ?> fields) {
        write("INFO", message, fields, null);
    }

    public static void warn(String message, Map<String, ?> fields) {
        write("WARNING", message, fields, null);
    }

    public static void error(String message, Map<String, ?> fields, Throwable t) {
        write("ERROR", message, fields, t);
    }

    static void write(String severity, String message, Map<String, ?> fields, Throwable t) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("severity", severity);
        line.put("message", message);
        line.put("time", Instant.now().toString());
        fields.forEach((k, v) -> line.set(k, Json.MAPPER.valueToTree(v)));
        if (t != null) {
            line.put("error", describe(t));
        }
        line.putObject("logging.googleapis.com/labels").put("component", "parapet-gcp");
        String text;
        try {
            text = Json.MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            text = "{\"severity\":\"ERROR\",\"message\":\"log line could not be written as JSON\"}";
        }
        out.println(mask(text));
        out.flush();
    }

    static String mask(String text) {
        String masked = text;
        // longest first: a password inside a registered URL must not break the URL's match
        for (String s : SECRETS.stream().sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList()) {
            // the value as it appears inside a JSON string, then as it is
            masked = masked.replace(jsonEscaped(s), MASK).replace(s, MASK);
        }
        return masked;
    }

    private static String jsonEscaped(String s) {
        try {
            String quoted = Json.MAPPER.writeValueAsString(s);
            return quoted.substring(1, quoted.length() - 1);
        } catch (JsonProcessingException e) {
            return s;
        }
    }

    /** Exception class and message chain, without a stack trace: operators act on the words. */
    public static String describe(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (b.length() > 0) {
                b.append(" <- ");
            }
            b.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
        }
        return b.toString();
    }
}
