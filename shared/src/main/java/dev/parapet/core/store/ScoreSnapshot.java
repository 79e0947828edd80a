package dev.parapet.core.store;

import java.time.Instant;

/**
 * A secure score of one scope at one time.
 *
 * @param scopeKind "overall", "provider" or "account"
 * @param scopeId   "" for overall, "aws" for a provider, "aws:111122223333" for an account
 * @param percent   score / maxScore × 100, or null when nothing in the scope was assessed
 */
public record ScoreSnapshot(String scopeKind, String scopeId, double score, double maxScore, Double percent,
                            Instant at) {
}
