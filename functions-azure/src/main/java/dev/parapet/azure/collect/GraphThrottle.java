package dev.parapet.azure.collect;

import com.azure.core.http.HttpHeaders;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Resource Graph's per-user quota (by default 15 queries per 5 seconds): every response says how many queries are
 * left ({@code x-ms-user-quota-remaining}) and when the window resets ({@code x-ms-user-quota-resets-after},
 * hh:mm:ss). Waiting for the reset when nothing is left avoids the 429 that would otherwise come next; a 429 itself is
 * retried by the pipeline after its Retry-After.
 */
public final class GraphThrottle {
    /** Never wait longer than this on one header: a bogus value must not stall a function until its timeout. */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private GraphThrottle() {
    }

    /** How long to wait before the next query, given the headers of the last response. */
    public static Duration waitAfter(HttpHeaders headers) {
        String remaining = headers.getValue("x-ms-user-quota-remaining");
        if (remaining == null) {
            return Duration.ZERO;
        }
        int left;
        try {
            left = Integer.parseInt(remaining.trim());
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
        if (left > 0) {
            return Duration.ZERO;
        }
        Duration reset = parseResetsAfter(headers.getValue("x-ms-user-quota-resets-after"));
        return reset.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : reset;
    }

    /** hh:mm:ss[.fraction]; a missing or unreadable value means one second, the smallest useful pause. */
    static Duration parseResetsAfter(String value) {
        if (value == null || value.isBlank()) {
            return Duration.ofSeconds(1);
        }
        String[] parts = value.trim().split(":");
        try {
            if (parts.length != 3) {
                throw new DateTimeParseException("expected hh:mm:ss", value, 0);
            }
            long hours = Long.parseLong(parts[0]);
            long minutes = Long.parseLong(parts[1]);
            double seconds = Double.parseDouble(parts[2]);
            return Duration.ofHours(hours).plusMinutes(minutes).plusMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Duration.ofSeconds(1);
        }
    }
}
