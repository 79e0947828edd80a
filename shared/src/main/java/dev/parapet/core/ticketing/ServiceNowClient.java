package dev.parapet.core.ticketing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.json.Json;
import dev.parapet.core.ticketing.ServiceNowException.Kind;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Table API calls the forwarder needs: find the newest record by correlation_id, read one record, create,
 * update. Values are exchanged as stored (no display values); every answer is {@code {"result": ...}}.
 */
final class ServiceNowClient {
    private static final String FIELDS = "sys_id,number,state";

    /** The part of a record the forwarder reads. */
    record Remote(String table, String sysId, String number, String state) {
    }

    private final URI instance;
    private final String table;
    private final Http http;
    private final Authenticator auth;

    ServiceNowClient(URI instance, String table, Http http, Authenticator auth) {
        this.instance = instance;
        this.table = table;
        this.http = http;
        this.auth = auth;
    }

    String table() {
        return table;
    }

    /** The newest record of the configured table with this correlation_id, if any. */
    Optional<Remote> latestByCorrelation(String correlationId, Deadline d) {
        String query = "correlation_id=" + correlationId + "^ORDERBYDESCsys_created_on";
        URI uri = uri(table, null, "sysparm_query=" + enc(query) + "&sysparm_limit=1&sysparm_fields=" + FIELDS
                + "&sysparm_exclude_reference_link=true");
        JsonNode result = result(call("find " + table + " record " + correlationId,
                () -> HttpRequest.newBuilder(uri).GET(), true, d), "find by correlation_id");
        if (!result.isArray()) {
            throw malformed("find by correlation_id", "result is not a list");
        }
        return result.isEmpty() ? Optional.empty() : Optional.of(remote(table, result.get(0), "find by correlation_id"));
    }

    /** The record, or empty when it no longer exists (deleted in ServiceNow). */
    Optional<Remote> get(String recordTable, String sysId, Deadline d) {
        URI uri = uri(recordTable, sysId, "sysparm_fields=" + FIELDS + "&sysparm_exclude_reference_link=true");
        try {
            return Optional.of(remote(recordTable, result(call("read " + recordTable + " " + sysId,
                    () -> HttpRequest.newBuilder(uri).GET(), true, d), "read"), "read"));
        } catch (ServiceNowException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Never retried once sent: a lost answer is resolved by looking the record up by correlation_id. */
    Remote create(Map<String, String> fields, Deadline d) {
        URI uri = uri(table, null, "sysparm_fields=" + FIELDS + "&sysparm_exclude_reference_link=true");
        String body = json(fields);
        return remote(table, result(call("create " + table + " record", () -> HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), false, d), "create"), "create");
    }

    /** @param idempotent false when the update adds a work note: it must not be sent twice */
    Remote update(String recordTable, String sysId, Map<String, String> fields, boolean idempotent, Deadline d) {
        URI uri = uri(recordTable, sysId, "sysparm_fields=" + FIELDS + "&sysparm_exclude_reference_link=true");
        String body = json(fields);
        return remote(recordTable, result(call("update " + recordTable + " " + sysId, () -> HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)), idempotent, d), "update"), "update");
    }

    /** With OAuth, a 401 may be a revoked or expired token: fetch a new one once, then give up. */
    private HttpResponse<String> call(String what, Supplier<HttpRequest.Builder> request, boolean idempotent, Deadline d) {
        try {
            return http.send(what, () -> authorised(request.get(), d), idempotent, d);
        } catch (ServiceNowException e) {
            if (e.kind() == Kind.AUTH && e.status() == 401 && auth.invalidate()) {
                return http.send(what, () -> authorised(request.get(), d), idempotent, d);
            }
            throw e;
        }
    }

    private HttpRequest.Builder authorised(HttpRequest.Builder b, Deadline d) {
        return b.header("Accept", "application/json").header("Authorization", auth.header(d));
    }

    private URI uri(String recordTable, String sysId, String query) {
        return instance.resolve("/api/now/table/" + recordTable + (sysId == null ? "" : "/" + enc(sysId)) + "?" + query);
    }

    private static JsonNode result(HttpResponse<String> response, String what) {
        try {
            JsonNode json = Json.MAPPER.readTree(response.body());
            JsonNode result = json == null ? null : json.get("result");
            if (result == null) {
                throw malformed(what, "no \"result\" in the answer");
            }
            return result;
        } catch (JsonProcessingException e) {
            throw malformed(what, "the answer is not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static Remote remote(String table, JsonNode record, String what) {
        String sysId = Json.text(record, "sys_id");
        if (sysId == null || sysId.isBlank()) {
            throw malformed(what, "the record has no sys_id");
        }
        return new Remote(table, sysId, Json.text(record, "number"), Json.text(record, "state"));
    }

    private static ServiceNowException malformed(String what, String why) {
        // a 2xx that is not the Table API's JSON (a proxy page, a hibernating instance): try again later
        return new ServiceNowException(Kind.TRANSIENT, 0, "ServiceNow " + what + ": " + why, true, null);
    }

    private static String json(Map<String, String> fields) {
        try {
            return Json.MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
