package dev.parapet.core.store;

import dev.parapet.core.model.Finding;

import java.time.Instant;

/**
 * A finding as the store keeps it: the latest evaluation plus its lifecycle.
 *
 * @param state      OPEN (failing now), RESOLVED (failed once, passes now or is gone), PASSING (never failed),
 *                   ERROR (the rule could not decide)
 * @param firstSeen  earliest observation of the pair
 * @param lastSeen   latest observation of the pair, or start of the latest scan that saw it
 * @param resolution PASSED, DELETED or NOT_SEEN when resolved, else null
 */
public record StoredFinding(String key, Finding finding, String state, Instant firstSeen, Instant lastSeen,
                            Instant resolvedAt, String resolution, int reopenCount, String lastScanId) {
    public static final String OPEN = "OPEN";
    public static final String RESOLVED = "RESOLVED";
    public static final String PASSING = "PASSING";
    public static final String ERROR = "ERROR";

    public static final String PASSED = "PASSED";
    public static final String DELETED = "DELETED";
    public static final String NOT_SEEN = "NOT_SEEN";

    /** Whether the store cut this finding's evidence to {@link StoreLimits#EVIDENCE_BYTES} (see its keys there). */
    public boolean evidenceTruncated() {
        return finding.evidence() != null && Boolean.TRUE.equals(finding.evidence().get(StoreLimits.TRUNCATED));
    }
}
