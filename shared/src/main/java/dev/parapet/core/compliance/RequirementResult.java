package dev.parapet.core.compliance;

import dev.parapet.core.model.ResourceRef;

import java.util.List;

/**
 * How one requirement stands.
 *
 * @param status PASSED (rules assessed it and every finding passes), FAILED (a finding fails), NOT_ASSESSED
 * @param reason why it is not assessed: manual, no rule, "not assessable: WHY", no resources in scope, or rules
 *               could not decide
 */
public record RequirementResult(String id, String section, String status, String reason, List<String> rules,
                                int passed, int failed, int errors, List<ResourceRef> failing) {
    public static final String PASSED = "PASSED";
    public static final String FAILED = "FAILED";
    public static final String NOT_ASSESSED = "NOT_ASSESSED";
}
