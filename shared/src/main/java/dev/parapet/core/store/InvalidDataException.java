package dev.parapet.core.store;

import java.util.List;

/**
 * A write was refused because some of its data breaks the store's limits ({@link StoreLimits}): nothing of it was
 * written. Retrying the same data fails the same way, so a function handler reports it instead of retrying.
 */
public class InvalidDataException extends IllegalArgumentException {
    private static final int SHOWN = 10;
    private final List<String> problems;

    public InvalidDataException(String what, List<String> problems) {
        super(what + " rejected, nothing written: " + problems.size() + " invalid item" + (problems.size() == 1 ? "" : "s")
                + ": " + String.join("; ", problems.subList(0, Math.min(SHOWN, problems.size())))
                + (problems.size() > SHOWN ? "; and " + (problems.size() - SHOWN) + " more" : ""));
        this.problems = List.copyOf(problems);
    }

    /** Each problem names its item (finding rule and resource, resource id, scan id) and what is wrong. */
    public List<String> problems() {
        return problems;
    }
}
