package dev.parapet.azure.events;

/** An event that cannot be handled as delivered; the message names the event and the field. */
public final class MalformedEventException extends IllegalArgumentException {
    public MalformedEventException(String message) {
        super(message);
    }
}
