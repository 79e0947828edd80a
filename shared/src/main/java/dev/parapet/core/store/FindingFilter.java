package dev.parapet.core.store;

import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Status;

/**
 * Which findings to read; null fields match everything. {@code status} matches the latest evaluation, {@code account}
 * ignores case. {@code includeInactive} adds the gone ones (resource deleted, or no longer seen by a complete scan).
 */
public record FindingFilter(Provider provider, String account, String ruleId, Status status, boolean includeInactive) {
    public static final FindingFilter CURRENT = new FindingFilter(null, null, null, null, false);
}
