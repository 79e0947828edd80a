package dev.parapet.gcp.function;

import dev.parapet.core.store.Store;

/**
 * Runs after the functions wrote findings: the place where ticket forwarding (ServiceNow, issue 8) drains the store's
 * outbox. Forwarding failures must not fail the assessment, which is already written.
 */
@FunctionalInterface
public interface TicketHook {
    void afterWrite(Store store, String trigger);

    TicketHook NONE = (store, trigger) -> { };
}
