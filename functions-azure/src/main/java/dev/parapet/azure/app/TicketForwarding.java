package dev.parapet.azure.app;

import dev.parapet.core.store.Store;

/**
 * Where the ticketing integration (issue 8: ServiceNow through the store's outbox) plugs in. Called after every store
 * write, in the same invocation; it must never throw for a ticketing outage (what it cannot send stays in the outbox).
 */
@FunctionalInterface
public interface TicketForwarding {
    void afterWrite(Store store, StructuredLog log);

    TicketForwarding NONE = (store, log) -> {
    };
}
