package dev.parapet.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The result of one rule on one resource.
 *
 * @param compliance standard id (MCSB, CIS-AWS-7.0.0, ...) to the requirement ids this rule maps to
 * @param evidence   the values that made the rule fail (empty on PASS); on ERROR, the reason under "error"
 * @param observedAt the resource's observation time, used to order writes in the store
 */
public record Finding(String ruleId, String title, Severity severity, Status status, ResourceRef resource,
                      String control, Map<String, List<String>> compliance, Map<String, Object> evidence,
                      Instant observedAt) {

    /** Stable key of the (rule, resource) pair. */
    public String key() {
        return FindingKey.of(ruleId, resource.id());
    }
}
