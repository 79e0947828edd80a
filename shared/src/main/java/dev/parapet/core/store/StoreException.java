package dev.parapet.core.store;

/** A store operation failed. Messages never carry passwords: URLs in them are masked. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
