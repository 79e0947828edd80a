package dev.parapet.azure.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.json.Json;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One JSON object per log line (Application Insights keeps the line as the trace message, so it can be queried with
 * parse_json). Callers pass values, never credentials or connection strings; {@link #redactUrl} strips what a store URL
 * may carry.
 */
public final class StructuredLog {
    private final Logger logger;

    public StructuredLog(Logger logger) {
        this.logger = logger;
    }

    public void info(String event, Map<String, ?> fields) {
        log(Level.INFO, event, fields);
    }

    public void warn(String event, Map<String, ?> fields) {
        log(Level.WARNING, event, fields);
    }

    public void error(String event, Map<String, ?> fields) {
        log(Level.SEVERE, event, fields);
    }

    private void log(Level level, String event, Map<String, ?> fields) {
        if (!logger.isLoggable(level)) {
            return;
        }
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("event", event);
        fields.forEach((k, v) -> line.set(k, Json.MAPPER.valueToTree(v)));
        logger.log(level, line.toString());
    }

    /** A store URL without user info, password or token parameters: safe to log. */
    public static String redactUrl(String url) {
        if (url == null) {
            return null;
        }
        String noUser = url.replaceAll("//[^/@?#]*@", "//***@");
        return noUser.replaceAll("(?i)((?:password|pwd|secret|token|key|sig|accesskey)=)[^&;]*", "$1***");
    }
}
