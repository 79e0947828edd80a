package dev.parapet.core.score;

import java.util.List;

/**
 * The secure score of one scope.
 *
 * @param kind     "overall", "provider" or "account"
 * @param id       "" for overall, "aws", or "aws:111122223333"
 * @param percent  score / maxScore × 100; null when no control in the scope assessed any resource
 * @param controls controls with at least one assessed resource, by potential increase then id
 */
public record ScopeScore(String kind, String id, double score, double maxScore, Double percent,
                         List<ControlScore> controls, FindingCounts counts) {
}
