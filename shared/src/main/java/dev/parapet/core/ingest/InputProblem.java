package dev.parapet.core.ingest;

/**
 * An input that could not be turned into resources.
 *
 * @param source where it came from: a file path, with "line N" or "[i]" where that narrows it down
 * @param reason what was wrong, in words an operator can act on
 */
public record InputProblem(String source, String reason) {
    @Override
    public String toString() {
        return source + ": " + reason;
    }
}
