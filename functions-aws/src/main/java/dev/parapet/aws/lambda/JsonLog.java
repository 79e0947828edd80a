package dev.parapet.aws.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.json.Json;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;

/**
 * Structured logs: one JSON object per line on standard output, which CloudWatch Logs stores and Logs Insights
 * queries by field. Callers pass only non-secret values; exceptions are logged by class and message.
 */
public final class JsonLog {
    private final PrintStream out;
    private final String function;

    public JsonLog(PrintStream out, String function) {
        this.out = out;
        this.function = function;
    }

    public void info(String message, Map<String, ?> fields) {
        write("INFO", message, fields, null);
    }

    public void warn(String message, Map<String, ?> fields) {
        write("WARN", message, fields, null);
    }

    public void error(String message, Map<String, ?> fields, Throwable e) {
        write("ERROR", message, fields, e);
    }

    private void write(String level, String message, Map<String, ?> fields, Throwable e) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("timestamp", Instant.now().toString());
        n.put("level", level);
        n.put("service", "parapet");
        n.put("function", function);
        n.put("message", message);
        fields.forEach((k, v) -> n.set(k, Json.MAPPER.valueToTree(v)));
        if (e != null) {
            n.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        out.println(n);
    }
}
