package dev.parapet.core.store;

import java.time.Instant;

/**
 * A pending ticket notification: finding {@code findingKey} changed (latest change {@code event} at version
 * {@code seq}) and its ServiceNow record must be brought in line with the finding's current state.
 *
 * @param event     OPENED, REOPENED, RESOLVED or EVIDENCE: the latest change, for reports (the forwarder acts on the
 *                  finding's current state, not on the event)
 * @param changedAt observation time of that change
 * @param attempts  failed attempts so far (transient failures)
 * @param status    PENDING or FAILED
 * @param lastError why the last attempt failed (credentials never included), else null
 */
public record OutboxEntry(String findingKey, long seq, String event, Instant changedAt, int attempts, String status,
                          String lastError) {
    public static final String OPENED = "OPENED";
    public static final String REOPENED = "REOPENED";
    public static final String RESOLVED = "RESOLVED";
    public static final String EVIDENCE = "EVIDENCE";

    public static final String PENDING = "PENDING";
    public static final String FAILED = "FAILED";
}
