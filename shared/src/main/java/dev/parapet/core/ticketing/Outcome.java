package dev.parapet.core.ticketing;

/** What forwarding one outbox row did to ServiceNow. */
public enum Outcome {
    /** a record was created */
    CREATED,
    /** an existing record with the finding's correlation_id was taken over (after a lost answer, or made elsewhere) */
    ADOPTED,
    /** a work note on changed evidence */
    NOTED,
    /** a resolved record was set back to work */
    REOPENED,
    /** the record was resolved (finding passes, resource deleted or no longer seen) */
    RESOLVED,
    /** someone closed the record while the finding fails, and the policy leaves it closed */
    LEFT_CLOSED,
    /** the record already matches the finding */
    UNCHANGED,
    /** nothing to send: below the threshold, an undecided rule, no record to resolve */
    SKIPPED
}
