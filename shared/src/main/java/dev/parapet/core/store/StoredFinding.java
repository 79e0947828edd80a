package dev.parapet.core.store;

import dev.parapet.core.model.Finding;

import java.time.Instant;

/**
 * A finding as the store keeps it: the latest evaluation plus its lifecycle.
 *
 * @param state      OPEN (failing now), RESOLVED (failed once, passes now or is gone), PASSING (never failed),
 *                   ERROR (the rule could not decide)
 * @param resolution PASSED, DELETED or NOT_SEEN when resolved, else null
 */
public record StoredFinding(String key, Finding finding, String state, Instant firstSeen, Instant lastSeen,
                            Instant resolvedAt, String resolution, int reopenCount, String lastScanId) {
}
