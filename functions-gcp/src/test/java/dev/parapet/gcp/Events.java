package dev.parapet.gcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** Pub/Sub messages as Eventarc delivers them to a function: a binary-mode CloudEvent (ce-* headers, JSON body). */
final class Events {
    private Events() {
    }

    static Map<String, String> headers(String topic) {
        return Map.of("ce-id", UUID.randomUUID().toString(),
                "ce-specversion", "1.0",
                "ce-source", "//pubsub.googleapis.com/projects/" + PubSubEmulator.PROJECT + "/topics/" + topic,
                "ce-type", "google.cloud.pubsub.topic.v1.messagePublished",
                "ce-time", "2025-12-01T07:00:00.123Z");
    }

    /** The event body; {@code base64Data} is put as is, so that tests can send malformed data. */
    static String body(String base64Data) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode message = body.putObject("message");
        if (base64Data != null) {
            message.put("data", base64Data);
        }
        message.put("messageId", Long.toString(System.nanoTime()));
        message.put("publishTime", "2025-12-01T07:00:00.123Z");
        body.put("subscription", "projects/" + PubSubEmulator.PROJECT + "/subscriptions/eventarc-scan");
        return body.toString();
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
