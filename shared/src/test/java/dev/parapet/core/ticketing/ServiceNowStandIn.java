package dev.parapet.core.ticketing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.parapet.core.json.Json;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A local ServiceNow stand-in on WireMock: the Table API ({@code /api/now/table/{table}} POST, GET with
 * {@code sysparm_query} on correlation_id, GET and PATCH by sys_id) and {@code /oauth_token.do}, answering in the
 * documented format ({@code {"result": ...}}, string values, {@code {"error": {...}, "status": "failure"}}), with
 * basic and OAuth authentication and injected faults (429 with Retry-After, 5xx, slow answers, 400, 401).
 */
final class ServiceNowStandIn implements AutoCloseable {
    static final String USER = "svc_parapet";
    static final String PASSWORD = "pw-Hunter2-s3cr3t";
    static final String CLIENT_ID = "8f1c2d3e4b5a69788796a5b4c3d2e1f0";
    static final String CLIENT_SECRET = "cs-Zq9!x7Vb-secret";
    private static final DateTimeFormatter GLIDE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    /** incident: 6 Resolved, 7 Closed, 8 Canceled; sn_si_incident: 3 Closed, 7 Cancelled. */
    private static final Map<String, Set<String>> INACTIVE = Map.of("incident", Set.of("6", "7", "8"),
            "sn_si_incident", Set.of("3", "7"));

    /** What to do to one request. */
    record Fault(int status, Integer retryAfterSeconds, long delayMillis) {
        static final Fault NONE = new Fault(0, null, 0);

        static Fault rateLimit(int retryAfterSeconds) {
            return new Fault(429, retryAfterSeconds, 0);
        }

        static Fault error(int status) {
            return new Fault(status, null, 0);
        }

        /** The request is carried out, but the answer comes after {@code millis}. */
        static Fault slow(long millis) {
            return new Fault(0, null, millis);
        }
    }

    @FunctionalInterface
    interface Faults {
        Fault next(String method, String path);

        Faults NONE = (m, p) -> Fault.NONE;

        /** A share of requests fail: 429 (Retry-After 0), 500, 503, or (one in twenty) an answer slower than the client waits. */
        static Faults random(long seed, double rate, long slowMillis) {
            Random random = new Random(seed);
            return (m, p) -> {
                synchronized (random) {
                    double r = random.nextDouble();
                    if (r >= rate) {
                        return Fault.NONE;
                    }
                    double kind = r / rate;
                    return kind < 0.45 ? Fault.rateLimit(0) : kind < 0.7 ? Fault.error(500)
                            : kind < 0.95 ? Fault.error(503) : Fault.slow(slowMillis);
                }
            };
        }

        /** The first {@code n} requests matching get {@code fault}. */
        static Faults first(int n, String method, String pathPrefix, Fault fault) {
            AtomicInteger left = new AtomicInteger(n);
            return (m, p) -> m.equals(method) && p.startsWith(pathPrefix) && left.getAndDecrement() > 0 ? fault : Fault.NONE;
        }
    }

    /** A request as the stand-in saw it. */
    record Seen(String method, String path, String url, String authorization, Instant at, String body) {
    }

    private final WireMockServer server;
    private final Map<String, ObjectNode> records = new ConcurrentHashMap<>();
    private final Map<String, List<String>> notes = new ConcurrentHashMap<>();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger numbers = new AtomicInteger(10000);
    private final AtomicInteger created = new AtomicInteger();
    final AtomicInteger tokenRequests = new AtomicInteger();
    volatile Faults faults = Faults.NONE;
    volatile long tokenLifetimeSeconds = 1799;
    volatile String password = PASSWORD;

    ServiceNowStandIn() {
        server = new WireMockServer(options().dynamicPort().containerThreads(40).jettyAcceptors(1).extensions(new Handler()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(ok()));
    }

    String url() {
        return "http://localhost:" + server.port();
    }

    @Override
    public void close() {
        server.stop();
    }

    List<Seen> requests() {
        return List.copyOf(seen);
    }

    /** Records of a table, oldest first. */
    List<ObjectNode> records(String table) {
        return records.values().stream().filter(r -> r.path("sys_class_name").asText().equals(table))
                .sorted(Comparator.comparingInt(r -> r.path("_seq").asInt())).toList();
    }

    ObjectNode record(String sysId) {
        return records.get(sysId);
    }

    List<String> notes(String sysId) {
        return notes.getOrDefault(sysId, List.of());
    }

    /** A person changes a record in ServiceNow (closes it, reopens it). */
    void edit(String sysId, String field, String value) {
        ObjectNode r = records.get(sysId);
        synchronized (r) {
            r.put(field, value);
            r.put("active", String.valueOf(!INACTIVE.get(r.path("sys_class_name").asText()).contains(r.path("state").asText())));
        }
    }

    /** A record made outside the forwarder (or by a forwarder that died before storing its sys_id). */
    ObjectNode insert(String table, Map<String, String> fields) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        fields.forEach(body::put);
        return create(table, body);
    }

    void revokeTokens() {
        tokens.clear();
    }

    private ObjectNode create(String table, JsonNode body) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        String sysId = UUID.randomUUID().toString().replace("-", "");
        int seq = created.incrementAndGet();
        r.put("sys_id", sysId);
        r.put("number", (table.equals("incident") ? "INC" : "SIR") + String.format("%07d", numbers.incrementAndGet()));
        r.put("sys_class_name", table);
        r.put("state", table.equals("incident") ? "1" : "10");
        r.put("sys_created_on", GLIDE.format(Instant.now()));
        r.put("_seq", seq);
        apply(r, body);
        records.put(sysId, r);
        return r;
    }

    private void apply(ObjectNode r, JsonNode body) {
        synchronized (r) {
            body.fields().forEachRemaining(e -> {
                if (e.getKey().equals("work_notes")) {
                    notes.computeIfAbsent(r.path("sys_id").asText(), k -> new CopyOnWriteArrayList<>()).add(e.getValue().asText());
                } else {
                    r.put(e.getKey(), e.getValue().asText());
                }
            });
            r.put("active", String.valueOf(!INACTIVE.get(r.path("sys_class_name").asText()).contains(r.path("state").asText())));
            r.put("sys_updated_on", GLIDE.format(Instant.now()));
        }
    }

    /** The record as the Table API returns it: every value a string, only the requested fields. */
    private static ObjectNode view(ObjectNode r, String fields) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        synchronized (r) {
            r.fields().forEachRemaining(e -> {
                if (!e.getKey().startsWith("_") && (fields == null || List.of(fields.split(",")).contains(e.getKey()))) {
                    out.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        return out;
    }

    private final class Handler implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "servicenow-stand-in";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request req = event.getRequest();
            String url = req.getUrl();
            String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
            Map<String, String> query = query(url);
            String method = req.getMethod().getName();
            seen.add(new Seen(method, path, url, req.getHeader("Authorization"), Instant.now(), req.getBodyAsString()));
            if (path.equals("/oauth_token.do") && method.equals("POST")) {
                return token(req);
            }
            if (!authorised(req.getHeader("Authorization"))) {
                return error(401, "User Not Authenticated", "Required to provide Auth information");
            }
            Fault fault = faults.next(method, path);
            if (fault.status() == 429) {
                return json(429, error("Rate limit exceeded", "Too many requests for user " + USER))
                        .withHeader("Retry-After", String.valueOf(fault.retryAfterSeconds())).build();
            }
            if (fault.status() >= 400) {
                return fault.status() == 400 ? error(400, "Operation Failed", "Data Policy Exception: Category is invalid")
                        : error(fault.status(), "Internal server error", "injected by the test");
            }
            ResponseDefinitionBuilder answer = table(method, path, query, req.getBodyAsString());
            return (fault.delayMillis() > 0 ? answer.withFixedDelay((int) fault.delayMillis()) : answer).build();
        }

        private ResponseDefinitionBuilder table(String method, String path, Map<String, String> query, String body) {
            String[] parts = path.split("/");
            if (parts.length < 5 || !path.startsWith("/api/now/table/")) {
                return json(400, error("Requested URI does not represent any resource", path));
            }
            String table = parts[4];
            String sysId = parts.length > 5 ? parts[5] : null;
            String fields = query.get("sysparm_fields");
            if (sysId == null && method.equals("GET")) {
                ArrayNode result = Json.MAPPER.createArrayNode();
                find(table, query.getOrDefault("sysparm_query", ""), Integer.parseInt(query.getOrDefault("sysparm_limit", "10000")))
                        .forEach(r -> result.add(view(r, fields)));
                return json(200, Json.MAPPER.createObjectNode().set("result", result));
            }
            if (sysId == null && method.equals("POST")) {
                ObjectNode r = create(table, parse(body));
                return json(201, Json.MAPPER.createObjectNode().set("result", view(r, fields)))
                        .withHeader("Location", url() + "/api/now/table/" + table + "/" + r.path("sys_id").asText());
            }
            ObjectNode r = sysId == null ? null : records.get(sysId);
            if (r == null || !r.path("sys_class_name").asText().equals(table)) {
                return json(404, error("No Record found", "Record doesn't exist or ACL restricts the record retrieval"));
            }
            if (method.equals("PATCH") || method.equals("PUT")) {
                apply(r, parse(body));
            } else if (!method.equals("GET")) {
                return json(405, error("Method not supported", method));
            }
            return json(200, Json.MAPPER.createObjectNode().set("result", view(r, fields)));
        }

        /** Encoded queries of the form {@code field=value^ORDERBYDESCfield}. */
        private List<ObjectNode> find(String table, String encoded, int limit) {
            List<ObjectNode> out = new ArrayList<>(records(table));
            Comparator<ObjectNode> order = null;
            for (String term : encoded.split("\\^")) {
                if (term.isBlank()) {
                    continue;
                }
                if (term.startsWith("ORDERBYDESC")) {
                    order = Comparator.<ObjectNode, String>comparing(r -> r.path(term.substring(11)).asText())
                            .thenComparingInt(r -> r.path("_seq").asInt()).reversed();
                } else if (term.contains("=")) {
                    String field = term.substring(0, term.indexOf('='));
                    String value = term.substring(term.indexOf('=') + 1);
                    out.removeIf(r -> !r.path(field).asText().equals(value));
                }
            }
            if (order != null) {
                out.sort(order);
            }
            return out.subList(0, Math.min(limit, out.size()));
        }

        private boolean authorised(String header) {
            if (header == null) {
                return false;
            }
            if (header.startsWith("Basic ")) {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
                return decoded.equals(USER + ":" + password);
            }
            if (header.startsWith("Bearer ")) {
                Instant expires = tokens.get(header.substring(7));
                return expires != null && Instant.now().isBefore(expires);
            }
            return false;
        }

        private ResponseDefinition token(Request req) {
            tokenRequests.incrementAndGet();
            Map<String, String> form = query("?" + req.getBodyAsString());
            boolean client = CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret"));
            boolean granted = switch (form.getOrDefault("grant_type", "")) {
                case "client_credentials" -> client;
                case "password" -> client && USER.equals(form.get("username")) && password.equals(form.get("password"));
                case "refresh_token" -> client && refreshTokens.remove(form.get("refresh_token"));
                default -> false;
            };
            if (!granted) {
                ObjectNode e = Json.MAPPER.createObjectNode().put("error_description", "access_denied").put("error", "server_error");
                return json(401, e).build();
            }
            String access = "at-" + UUID.randomUUID();
            tokens.put(access, Instant.now().plusSeconds(tokenLifetimeSeconds));
            ObjectNode t = Json.MAPPER.createObjectNode().put("access_token", access).put("scope", "useraccount")
                    .put("token_type", "Bearer").put("expires_in", tokenLifetimeSeconds);
            if (!"client_credentials".equals(form.get("grant_type"))) {
                String refresh = "rt-" + UUID.randomUUID();
                refreshTokens.add(refresh);
                t.put("refresh_token", refresh);
            }
            return json(200, t).build();
        }
    }

    private static JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            throw new IllegalArgumentException("stand-in got a body that is not JSON: " + body, e);
        }
    }

    private static ResponseDefinition error(int status, String message, String detail) {
        return json(status, error(message, detail)).build();
    }

    private static ObjectNode error(String message, String detail) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.putObject("error").put("message", message).put("detail", detail);
        e.put("status", "failure");
        return e;
    }

    private static ResponseDefinitionBuilder json(int status, JsonNode body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json;charset=UTF-8").withBody(body.toString());
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        int q = url.indexOf('?');
        if (q < 0) {
            return out;
        }
        for (String pair : url.substring(q + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }
}
