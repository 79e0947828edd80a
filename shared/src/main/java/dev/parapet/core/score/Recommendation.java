package dev.parapet.core.score;

import dev.parapet.core.model.ResourceRef;
import dev.parapet.core.model.Severity;

import java.util.List;

/**
 * A failing rule as something to do, ranked by what fixing it is worth.
 *
 * @param potentialIncrease        points: the control's score per resource × resources failing this rule
 * @param potentialIncreasePercent the same as a share of the overall maximum score
 */
public record Recommendation(String ruleId, String title, Severity severity, String controlId,
                             int unhealthyResources, double potentialIncrease, double potentialIncreasePercent,
                             String remediation, List<ResourceRef> affected) {
}
