package dev.parapet.core.compliance;

/**
 * One requirement of a standard; {@code automated} false means a person must judge it (never counted as passed).
 *
 * @param notAssessable why no rule can decide this requirement from the documents Parapet reads (for example it
 *                      needs Entra ID tenant settings or log contents); empty when a rule could
 */
public record Requirement(String id, String section, boolean automated, String profile, String notAssessable) {
    public Requirement {
        profile = profile == null ? "" : profile;
        notAssessable = notAssessable == null ? "" : notAssessable.strip();
    }

    public Requirement(String id, String section, boolean automated, String profile) {
        this(id, section, automated, profile, "");
    }

    public boolean isNotAssessable() {
        return !notAssessable.isEmpty();
    }
}
