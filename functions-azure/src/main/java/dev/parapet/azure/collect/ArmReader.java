package dev.parapet.azure.collect;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.json.Json;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain ARM GETs through the SDK pipeline (same token, retries and throttling handling as the SDK clients), keeping
 * every document exactly as ARM returns it. Never throws for an HTTP or I/O failure: the caller gets it as data.
 */
public final class ArmReader {
    /** Pages of one list are followed at most this far: a loop in nextLink must not hang a function. */
    private static final int MAX_PAGES = 200;

    private final HttpPipeline pipeline;
    private final URI endpoint;

    public ArmReader(AzureClients clients) {
        this.pipeline = clients.pipeline();
        this.endpoint = URI.create(clients.endpoint());
    }

    /** The outcome of one read: documents, or absent (404), or a failure. */
    public record Result(List<JsonNode> documents, boolean absent, ReadFailure failure) {
        static Result ok(List<JsonNode> docs) {
            return new Result(docs, false, null);
        }

        public boolean ok() {
            return failure == null && !absent;
        }
    }

    /** GET one document. {@code path} is an ARM id or a path below one; {@code query} is unencoded or null. */
    public Result get(String subscription, String path, String query, String apiVersion, String type) {
        Response r = send(url(path, query, apiVersion));
        if (r.status == 200) {
            return r.body != null && r.body.isObject() ? Result.ok(List.of(r.body))
                    : failed(subscription, path, type, r.status, "InvalidResponse", "response body is not a JSON object");
        }
        return notOk(subscription, path, type, r);
    }

    /** GET a collection, following nextLink, returning every item of every page. */
    public Result list(String subscription, String path, String query, String apiVersion, String type) {
        List<JsonNode> items = new ArrayList<>();
        URI next = url(path, query, apiVersion);
        for (int page = 0; next != null; page++) {
            if (page == MAX_PAGES) {
                return failed(subscription, path, type, 0, "TooManyPages", "more than " + MAX_PAGES + " pages");
            }
            Response r = send(next);
            if (r.status != 200) {
                return notOk(subscription, path, type, r);
            }
            JsonNode value = r.body == null ? null : r.body.get("value");
            if (value == null || !value.isArray()) {
                return failed(subscription, path, type, r.status, "InvalidResponse", "list response has no 'value' array");
            }
            value.forEach(items::add);
            String link = Json.text(r.body, "nextLink");
            next = link == null || link.isBlank() ? null : sameOrigin(link);
            if (link != null && !link.isBlank() && next == null) {
                return failed(subscription, path, type, r.status, "InvalidNextLink",
                        "nextLink points away from " + endpoint + "; not followed with our token");
            }
        }
        return Result.ok(items);
    }

    private Result notOk(String subscription, String path, String type, Response r) {
        if (r.status == 404) {
            return new Result(List.of(), true, null);
        }
        JsonNode error = r.body == null ? null : r.body.path("error");
        String code = error == null ? null : Json.text(error, "code");
        String message = error == null ? null : Json.text(error, "message");
        return failed(subscription, path, type, r.status, code != null ? code : r.errorCode,
                message != null ? message : r.errorMessage);
    }

    private static Result failed(String subscription, String path, String type, int status, String code, String message) {
        return new Result(List.of(), false, new ReadFailure(subscription, path, type, status, code, message));
    }

    private record Response(int status, JsonNode body, String errorCode, String errorMessage) {
    }

    private Response send(URI url) {
        try (HttpResponse response = pipeline.sendSync(new HttpRequest(HttpMethod.GET, url.toURL()), Context.NONE)) {
            String text = response.getBodyAsBinaryData() == null ? "" : response.getBodyAsBinaryData().toString();
            JsonNode body = null;
            String parseError = null;
            if (!text.isBlank()) {
                try {
                    body = Json.MAPPER.readTree(text);
                } catch (JsonProcessingException e) {
                    parseError = "response is not JSON: " + e.getOriginalMessage();
                }
            }
            int status = response.getStatusCode();
            if (status == 200 && parseError != null) {
                return new Response(0, null, "InvalidResponse", parseError);
            }
            return new Response(status, body, "Http" + status, parseError);
        } catch (RuntimeException | java.io.IOException e) {
            // the pipeline has already retried; what is left is reported, not thrown
            return new Response(0, null, e.getClass().getSimpleName(), e.getMessage());
        }
    }

    URI url(String path, String query, String apiVersion) {
        String q = (query == null || query.isBlank() ? "" : query + "&") + "api-version=" + apiVersion;
        try {
            return new URI(endpoint.getScheme(), endpoint.getAuthority(), endpoint.getPath() + path, q, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot build an ARM URL from '" + path + "': " + e.getMessage(), e);
        }
    }

    private URI sameOrigin(String link) {
        try {
            URI uri = new URI(link);
            boolean same = endpoint.getScheme().equalsIgnoreCase(uri.getScheme())
                    && endpoint.getAuthority().equalsIgnoreCase(uri.getAuthority());
            return same ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
