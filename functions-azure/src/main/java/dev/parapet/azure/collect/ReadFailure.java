package dev.parapet.azure.collect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.json.Json;

/**
 * A read that did not succeed: what was asked for, and ARM's answer.
 *
 * @param target     the id of the document or collection that was read
 * @param type       the resource type the read would have returned
 * @param status     HTTP status, or 0 when no response came (I/O error after retries)
 * @param code       ARM's error code (AuthorizationFailed, ...), or the exception class
 */
public record ReadFailure(String subscription, String target, String type, int status, String code, String message) {

    public String describe() {
        return type + " at " + target + ": " + (status == 0 ? "" : status + " ") + code
                + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }

    /**
     * A stand-in document for what could not be read: the id and type the real one would have, no
     * {@code properties}. Every rule that reads this type then fails to evaluate and reports ERROR, never PASS,
     * while the reason travels in {@code parapetReadFailure} for whoever looks at the inventory.
     */
    public ObjectNode unreadableDocument() {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("id", target);
        doc.put("name", target.substring(target.lastIndexOf('/') + 1));
        doc.put("type", type);
        ObjectNode why = doc.putObject("parapetReadFailure");
        why.put("status", status);
        why.put("code", code);
        why.put("message", message);
        return doc;
    }
}
