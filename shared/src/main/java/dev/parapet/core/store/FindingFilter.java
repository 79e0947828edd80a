package dev.parapet.core.store;

import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Status;

/** Which findings to read; null fields match everything. {@code includeInactive} adds resolved-and-gone ones. */
public record FindingFilter(Provider provider, String account, String ruleId, Status status, boolean includeInactive) {
    public static final FindingFilter CURRENT = new FindingFilter(null, null, null, null, false);
}
