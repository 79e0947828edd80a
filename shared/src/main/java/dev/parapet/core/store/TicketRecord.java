package dev.parapet.core.store;

import java.time.Instant;

/**
 * The ServiceNow record of one finding as the store keeps it.
 *
 * @param state        OPEN (Parapet opened or adopted it and has not resolved it), RESOLVED (Parapet resolved it, or
 *                     the finding resolved while it was closed in ServiceNow), CLOSED_IN_SERVICENOW (someone closed
 *                     it while the finding was failing, and the policy left it closed)
 * @param recordState  the record's {@code state} value as last read or written
 * @param evidenceHash hash of the evidence the record was opened with or last noted, so a change is noted once
 * @param owner        governance: the user written to {@code assigned_to}, or null
 * @param dueAt        governance: the due date written to {@code due_date}, or null
 */
public record TicketRecord(String findingKey, String correlationId, String table, String sysId, String number,
                           String state, String recordState, String evidenceHash, String owner,
                           String assignmentGroup, Instant dueAt, Instant openedAt, Instant resolvedAt,
                           Instant updatedAt) {
    public static final String OPEN = "OPEN";
    public static final String RESOLVED = "RESOLVED";
    public static final String CLOSED_IN_SERVICENOW = "CLOSED_IN_SERVICENOW";

    public TicketRecord withState(String newState, String newRecordState, Instant at) {
        return new TicketRecord(findingKey, correlationId, table, sysId, number, newState, newRecordState,
                evidenceHash, owner, assignmentGroup, dueAt, openedAt,
                RESOLVED.equals(newState) ? at : resolvedAt, at);
    }

    public TicketRecord withEvidence(String hash, Instant at) {
        return new TicketRecord(findingKey, correlationId, table, sysId, number, state, recordState, hash, owner,
                assignmentGroup, dueAt, openedAt, resolvedAt, at);
    }
}
