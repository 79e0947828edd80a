package dev.parapet.core.compliance;

/** One requirement of a standard; {@code automated} false means a person must judge it (never counted as passed). */
public record Requirement(String id, String section, boolean automated, String profile) {
}
