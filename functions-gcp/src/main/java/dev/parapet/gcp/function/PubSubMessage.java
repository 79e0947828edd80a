package dev.parapet.gcp.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.json.Json;
import dev.parapet.gcp.feed.BadMessageException;
import io.cloudevents.CloudEvent;

import java.io.IOException;
import java.util.Base64;

/**
 * The Pub/Sub message inside a {@code google.cloud.pubsub.topic.v1.messagePublished} CloudEvent, as Eventarc
 * delivers it (and as the Functions Framework makes of a Pub/Sub push request): data is
 * {@code {"message": {"data": BASE64, "attributes": {...}, "messageId": ..., "publishTime": ...}, "subscription": ...}}.
 *
 * @param data the decoded payload; empty when the message has none
 */
public record PubSubMessage(String eventId, String messageId, byte[] data) {

    public static PubSubMessage of(CloudEvent event) {
        String where = "event " + event.getId();
        if (event.getData() == null) {
            throw new BadMessageException(where + ": the CloudEvent has no data");
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(event.getData().toBytes());
        } catch (IOException e) {
            throw new BadMessageException(where + ": data is not JSON: " + e.getMessage());
        }
        JsonNode message = body == null ? null : body.get("message");
        if (message == null || !message.isObject()) {
            throw new BadMessageException(where + ": data has no Pub/Sub message object");
        }
        String messageId = Json.text(message, "messageId");
        JsonNode data = message.get("data");
        if (data == null || data.isNull()) {
            return new PubSubMessage(event.getId(), messageId, new byte[0]);
        }
        if (!data.isTextual()) {
            throw new BadMessageException(where + ": message.data is " + data.getNodeType() + ", not base64 text");
        }
        try {
            return new PubSubMessage(event.getId(), messageId, Base64.getDecoder().decode(data.asText()));
        } catch (IllegalArgumentException e) {
            throw new BadMessageException(where + ": message.data is not base64: " + e.getMessage());
        }
    }

    /** The payload as JSON; null when empty. */
    public JsonNode json() {
        if (data.length == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(data);
        } catch (IOException e) {
            throw new BadMessageException("message " + messageId + ": payload is not JSON: " + e.getMessage());
        }
    }
}
