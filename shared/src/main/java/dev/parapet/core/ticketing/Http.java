package dev.parapet.core.ticketing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.json.Json;
import dev.parapet.core.ticketing.ServiceNowException.Kind;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;

/**
 * Sends one request with retries inside the invocation's deadline: 429 (honouring Retry-After), 5xx, 408,
 * timeouts and connection failures are retried with back-off and jitter; other answers are returned or raised
 * at once. A write that may have been applied (timeout or 5xx after sending) is retried only when it is
 * idempotent; otherwise the caller decides (it looks the record up again before writing twice).
 */
final class Http {
    /** No request starts with less time than this left: it could only time out. */
    static final Duration MIN_REQUEST = Duration.ofMillis(50);
    static final int MAX_TRIES = 6;

    private final HttpClient client;
    private final Duration timeout;
    private final Backoff backoff;
    private final Masker masker;

    Http(HttpClient client, Duration timeout, Backoff backoff, Masker masker) {
        this.client = client;
        this.timeout = timeout;
        this.backoff = backoff;
        this.masker = masker;
    }

    /** TLS certificates and host names are verified by the JDK's default trust; redirects are not followed. */
    static HttpClient defaultClient(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    HttpResponse<String> send(String what, Supplier<HttpRequest.Builder> request, boolean idempotent, Deadline deadline) {
        String last = null;
        for (int attempt = 1; ; attempt++) {
            Duration left = deadline.remaining();
            if (left.compareTo(MIN_REQUEST) < 0) {
                throw new ServiceNowException(Kind.TRANSIENT, 0, what + ": the forwarding budget is spent"
                        + (last == null ? "" : " (last failure: " + last + ")"), false, null);
            }
            HttpRequest req = request.get().timeout(timeout.compareTo(left) < 0 ? timeout : left).build();
            Duration retryAfter = null;
            boolean maybeApplied;
            int status = 0;
            try {
                HttpResponse<String> response = client.send(req, HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return response;
                }
                String reason = what + ": HTTP " + status + reason(response);
                if (status == 404) {
                    throw new ServiceNowException(Kind.NOT_FOUND, status, reason, false, null);
                }
                if (status == 401 || status == 403) {
                    throw new ServiceNowException(Kind.AUTH, status, reason, false, null);
                }
                if (status != 429 && status != 408 && status < 500) {
                    throw new ServiceNowException(Kind.REFUSED, status, reason, false, null);
                }
                retryAfter = retryAfter(response);
                maybeApplied = status != 429; // 429 is refused before any work is done
                last = reason;
            } catch (HttpTimeoutException e) {
                maybeApplied = true;
                last = what + ": no answer within " + req.timeout().map(Duration::toMillis).orElse(0L) + " ms";
            } catch (ConnectException e) {
                maybeApplied = false;
                last = what + ": cannot connect: " + masker.mask(String.valueOf(e.getMessage()));
            } catch (IOException e) {
                maybeApplied = true;
                last = what + ": " + masker.mask(e.getClass().getSimpleName() + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceNowException(Kind.TRANSIENT, 0, what + ": interrupted", true, null);
            }
            if (maybeApplied && !idempotent) {
                throw new ServiceNowException(Kind.TRANSIENT, status, last, true, retryAfter);
            }
            Duration wait = retryAfter != null ? Backoff.honour(retryAfter) : backoff.delay(attempt);
            if (attempt >= MAX_TRIES || wait.compareTo(deadline.remaining().minus(MIN_REQUEST)) >= 0) {
                throw new ServiceNowException(Kind.TRANSIENT, status, last + (attempt > 1 ? " (after " + attempt
                        + " tries)" : ""), maybeApplied, retryAfter);
            }
            sleep(wait);
        }
    }

    private String reason(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body().trim();
        String text = body;
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            JsonNode error = json == null ? null : json.path("error");
            if (error != null && error.isObject()) {
                String message = Json.text(error, "message");
                String detail = Json.text(error, "detail");
                text = (message == null ? "" : message) + (detail == null || detail.isBlank() ? "" : ": " + detail);
            } else if (error != null && error.isTextual()) { // OAuth: {"error": "...", "error_description": "..."}
                String description = Json.text(json, "error_description");
                text = error.asText() + (description == null ? "" : ": " + description);
            }
        } catch (IOException | RuntimeException notJson) {
            // keep the raw text
        }
        text = text.length() > 300 ? text.substring(0, 300) + "..." : text;
        return text.isBlank() ? "" : " (" + masker.mask(text) + ")";
    }

    /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, 3600));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(java.time.Instant.now(),
                        ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceNowException(Kind.TRANSIENT, 0, "interrupted while waiting to retry", false, null);
        }
    }
}
