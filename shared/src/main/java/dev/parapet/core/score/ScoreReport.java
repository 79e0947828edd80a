package dev.parapet.core.score;

import java.util.List;

/** Secure score overall, per cloud and per account, with the recommendations ranked by potential increase. */
public record ScoreReport(ScopeScore overall, List<ScopeScore> byProvider, List<ScopeScore> byAccount,
                          List<Recommendation> recommendations) {
}
