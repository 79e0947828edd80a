package dev.parapet.core.compliance;

import java.util.List;

/** Compliance with one standard: requirement counts and each requirement's result. */
public record StandardResult(String id, String title, String version, int passed, int failed, int notAssessed,
                             List<RequirementResult> requirements) {
}
