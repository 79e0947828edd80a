package dev.parapet.gcp.feed;

/**
 * A message that can never be processed as sent. The function fails on it, so Pub/Sub retries it a few times and
 * then moves it to the dead-letter topic, where it is kept for an operator: nothing is dropped silently.
 */
public final class BadMessageException extends RuntimeException {
    public BadMessageException(String message) {
        super(message);
    }
}
