package dev.parapet.core.store;

import java.time.Duration;

/**
 * The database could not be reached (refused, restarting, too many connections, connection lost) and kept failing
 * for the whole retry budget. Nothing the operation tried was committed, or it was and writing it again changes
 * nothing: a function handler lets this propagate so that its platform retries the event later.
 */
public class StoreUnavailableException extends StoreException {
    private final String store;
    private final int attempts;
    private final Duration waited;

    public StoreUnavailableException(String operation, String store, int attempts, Duration waited, String reason,
                                     Throwable cause) {
        super("store " + store + " unavailable: " + operation + " gave up after " + attempts + " attempt"
                + (attempts == 1 ? "" : "s") + " in " + waited.toMillis() + " ms: " + reason, cause);
        this.store = store;
        this.attempts = attempts;
        this.waited = waited;
    }

    /** The store's JDBC URL and user, never a password. */
    public String store() {
        return store;
    }

    public int attempts() {
        return attempts;
    }

    public Duration waited() {
        return waited;
    }
}
