package dev.parapet.core.score;

/**
 * One control's contribution to a scope's secure score.
 *
 * @param healthy           resources all of whose findings in this control pass
 * @param unhealthy         resources with at least one failing finding in this control
 * @param undecided         resources with an ERROR and no FAIL: counted neither healthy nor unhealthy
 * @param score             maxScore × healthy / (healthy + unhealthy)
 * @param potentialIncrease points gained by making every unhealthy resource healthy (score per resource × unhealthy)
 */
public record ControlScore(String controlId, String title, double maxScore, int healthy, int unhealthy, int undecided,
                           double score, double potentialIncrease) {

    public int assessed() {
        return healthy + unhealthy;
    }
}
