package dev.parapet.azure.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.json.Json;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Resource Manager events as Event Grid delivers them: one event or an array, in the Event Grid schema
 * (eventType, eventTime, data) or the CloudEvents 1.0 schema (specversion, type, time, data). Malformed input throws
 * {@link MalformedEventException} naming the event and the field.
 */
public final class EventParser {
    static final String OBJECT_ID_CLAIM = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    private EventParser() {
    }

    public static List<ResourceEvent> parse(String body) {
        if (body == null || body.isBlank()) {
            throw new MalformedEventException("event body is empty");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("event body is not JSON: " + e.getOriginalMessage());
        }
        List<ResourceEvent> out = new ArrayList<>();
        if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                out.add(one(root.get(i), "event[" + i + "]"));
            }
        } else {
            out.add(one(root, "event"));
        }
        return out;
    }

    private static ResourceEvent one(JsonNode e, String where) {
        if (!e.isObject()) {
            throw new MalformedEventException(where + " is not a JSON object");
        }
        boolean cloud = e.has("specversion");
        if (!cloud && !e.has("eventType")) {
            throw new MalformedEventException(where + " is neither an Event Grid event (no eventType) nor a CloudEvent "
                    + "(no specversion)");
        }
        String id = required(e, "id", where);
        String label = where + " " + id;
        String type = required(e, cloud ? "type" : "eventType", label);
        Instant time = time(required(e, cloud ? "time" : "eventTime", label), label);
        JsonNode data = e.get("data");
        if (data == null || !data.isObject()) {
            throw new MalformedEventException(label + ": data is missing or not an object");
        }
        String resource = Json.text(data, "resourceUri");
        if (resource == null || resource.isBlank()) {
            resource = Json.text(e, "subject");
        }
        if (resource == null || resource.isBlank()) {
            throw new MalformedEventException(label + ": neither data.resourceUri nor subject names the resource");
        }
        JsonNode claims = data.path("claims");
        String principal = Json.text(data.path("authorization").path("evidence"), "principalId");
        if (principal == null) {
            principal = Json.text(claims, OBJECT_ID_CLAIM);
        }
        if (principal == null) {
            principal = Json.text(claims, "oid");
        }
        String app = Json.text(claims, "appid");
        if (app == null) {
            app = Json.text(claims, "azp");
        }
        return new ResourceEvent(id, cloud ? "CloudEvents" : "EventGrid", type, resource,
                Json.text(data, "operationName"), Json.text(data, "status"), Json.text(data, "subscriptionId"), time,
                principal, app);
    }

    private static String required(JsonNode e, String field, String where) {
        String value = Json.text(e, field);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException(where + ": " + field + " is missing");
        }
        return value;
    }

    private static Instant time(String text, String where) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException(where + ": time '" + text + "' is not an ISO-8601 UTC timestamp");
        }
    }
}
