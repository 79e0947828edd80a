package dev.parapet.core.rules;

/** A rule that could not be loaded: its file, its id (when it got that far) and why. */
public record RuleProblem(String file, String ruleId, String message) {
    @Override
    public String toString() {
        return file + (ruleId == null ? "" : " rule " + ruleId) + ": " + message;
    }
}
