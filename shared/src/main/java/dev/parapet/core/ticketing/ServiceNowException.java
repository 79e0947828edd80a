package dev.parapet.core.ticketing;

import java.time.Duration;

/**
 * A failed exchange with ServiceNow. Messages never carry credentials (they pass through {@link Masker}).
 *
 * <ul>
 *   <li>{@link Kind#TRANSIENT}: 429, 5xx, timeout, connection failure; try again later.</li>
 *   <li>{@link Kind#AUTH}: 401/403, or the OAuth token request refused: a configuration problem.</li>
 *   <li>{@link Kind#REFUSED}: another 4xx (400: invalid field, business rule): this record will not go through
 *       as it is.</li>
 *   <li>{@link Kind#NOT_FOUND}: 404 for one record.</li>
 * </ul>
 */
public final class ServiceNowException extends RuntimeException {
    public enum Kind { TRANSIENT, AUTH, REFUSED, NOT_FOUND }

    private final Kind kind;
    private final int status;
    private final boolean ambiguous;
    private final Duration retryAfter;

    /**
     * @param ambiguous  the request may have been applied (a timeout or 5xx after sending a write)
     * @param retryAfter what the server asked for (429 Retry-After), or null
     */
    ServiceNowException(Kind kind, int status, String message, boolean ambiguous, Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.status = status;
        this.ambiguous = ambiguous;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** HTTP status, 0 when there was no response. */
    public int status() {
        return status;
    }

    public boolean ambiguous() {
        return ambiguous;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
