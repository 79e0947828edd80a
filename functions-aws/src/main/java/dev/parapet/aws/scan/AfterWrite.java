package dev.parapet.aws.scan;

import dev.parapet.core.store.Store;

/**
 * What runs after findings were written: forwarding tickets (ServiceNow, issue 8) plugs in here. The store writes
 * the intent to notify with the findings; this step only drains what is pending, within the invocation's budget,
 * and must never fail the assessment.
 */
@FunctionalInterface
public interface AfterWrite {
    AfterWrite NONE = store -> { };

    void run(Store store);
}
