package dev.parapet.gcp.function;

/**
 * What a function throws to fail its event (so that Pub/Sub retries it): the failure's message chain with secrets
 * masked and no cause attached, because the Functions Framework logs the thrown exception with its causes.
 */
public final class FunctionFailedException extends RuntimeException {
    FunctionFailedException(Throwable failure) {
        super(JsonLog.mask(JsonLog.describe(failure)), null, false, false);
    }
}
