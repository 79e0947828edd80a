package dev.parapet.aws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.aws.event.EventProcessor;
import dev.parapet.core.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configuration changes and CloudTrail write events invoked directly by an EventBridge rule. A failure is thrown,
 * so Lambda's asynchronous retries and the function's dead-letter queue take over.
 */
public final class EventHandler implements RequestStreamHandler {
    private final Container container;

    public EventHandler() {
        this(Container.shared());
    }

    public EventHandler(Container container) {
        this.container = container;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonLog log = new JsonLog(System.out, "event");
        Metrics metrics = new Metrics(System.out, "event");
        JsonNode event = Json.MAPPER.readTree(input);
        String source = "event " + (event != null && event.hasNonNull("id") ? event.get("id").asText() : "(no id)");
        EventProcessor.Result result = container.events().process(event, source, container.store());
        report(result, source, log, metrics);
        metrics.flush();
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("kind", result.kind());
        out.put("assessed", result.assessed().size());
        if (result.ignored() != null) {
            out.put("ignored", result.ignored());
        }
        output.write(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    static void report(EventProcessor.Result r, String source, JsonLog log, Metrics metrics) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("source", source);
        fields.put("kind", r.kind());
        fields.put("resources", r.assessed().stream().map(x -> x.type() + " " + x.id() + (x.deleted() ? " (deleted)" : "")).toList());
        if (r.stored() != null) {
            fields.put("opened", r.stored().opened());
            fields.put("resolved", r.stored().resolved());
            fields.put("stale", r.stored().stale());
        }
        if (!r.problems().isEmpty()) {
            fields.put("problems", r.problems().stream().map(Object::toString).toList());
        }
        if (r.ignored() != null) {
            fields.put("ignored", r.ignored());
            metrics.add("EventsIgnored", 1);
        } else {
            metrics.add("EventsAssessed", 1).add("ResourcesAssessed", r.assessed().size());
        }
        log.info(r.ignored() != null ? "event ignored" : "event assessed", fields);
    }
}
