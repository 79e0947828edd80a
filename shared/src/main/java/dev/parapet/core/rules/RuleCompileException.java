package dev.parapet.core.rules;

/** A rule whose CEL does not compile; the message names the field (expression, applies, evidence.X) and the error. */
public final class RuleCompileException extends Exception {
    public RuleCompileException(String message) {
        super(message);
    }
}
