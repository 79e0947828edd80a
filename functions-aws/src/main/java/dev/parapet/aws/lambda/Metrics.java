package dev.parapet.aws.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.json.Json;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudWatch metrics in the Embedded Metric Format: a JSON log line that CloudWatch turns into metrics in the
 * "Parapet" namespace with dimension Function, no API call and no extra dependency.
 */
public final class Metrics {
    private final PrintStream out;
    private final String function;
    private final Map<String, Double> values = new LinkedHashMap<>();

    public Metrics(PrintStream out, String function) {
        this.out = out;
        this.function = function;
    }

    public Metrics add(String name, double value) {
        values.merge(name, value, Double::sum);
        return this;
    }

    /** Writes the collected values as one EMF record and clears them. */
    public void flush() {
        if (values.isEmpty()) {
            return;
        }
        ObjectNode n = Json.MAPPER.createObjectNode();
        ObjectNode aws = n.putObject("_aws");
        aws.put("Timestamp", System.currentTimeMillis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", "Parapet");
        directive.putArray("Dimensions").addArray().add("Function");
        ArrayNode metrics = directive.putArray("Metrics");
        n.put("Function", function);
        values.forEach((k, v) -> {
            metrics.addObject().put("Name", k).put("Unit", "Count");
            n.put(k, v);
        });
        out.println(n);
        values.clear();
    }
}
