package dev.parapet.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The store's side of ticketing (docs/SERVICENOW.md): the outbox that finding writes fill in the same transaction,
 * claimed by forwarders for a lease; the ServiceNow record of each finding; a pause after refused credentials.
 * Claims are exclusive: on PostgreSQL through {@code FOR UPDATE SKIP LOCKED}, on SQLite through the single writer.
 */
public interface TicketStore {

    /**
     * Claims up to {@code limit} pending rows due at {@code now} whose lease (if any) has expired, for
     * {@code claimId} until {@code leaseUntil}. Other forwarders do not get them until then.
     */
    List<OutboxEntry> claim(String claimId, int limit, Instant now, Instant leaseUntil);

    /**
     * The row was handled: deleted if no newer change arrived meanwhile (returns true), else released for the
     * newer change (false).
     */
    boolean complete(String claimId, OutboxEntry entry);

    /** A transient failure: attempts + 1, due again at {@code nextAttempt}, released. */
    void retryLater(String claimId, OutboxEntry entry, Instant nextAttempt, String reason);

    /** Not attempted (budget spent, forwarding stopped): released as it was. */
    void release(String claimId, OutboxEntry entry);

    /** Refused for good (400, 403, ...): status FAILED with the reason, kept until requeued or changed again. */
    void fail(String claimId, OutboxEntry entry, String reason);

    /**
     * FAILED rows become PENDING again; with {@code allFailing}, every active failing finding is queued too (after
     * lowering a threshold, or for records lost in ServiceNow). Clears every pause. Returns rows queued.
     */
    int requeue(boolean allFailing);

    Optional<TicketFinding> finding(String findingKey);

    Optional<TicketRecord> ticket(String findingKey);

    /** Inserts or replaces the record of {@code ticket.findingKey()}. */
    void saveTicket(TicketRecord ticket);

    /** Newest first. */
    List<TicketRecord> tickets(int limit);

    Counts counts(Instant now);

    /** When the next PENDING row that nobody holds is due (its back-off ends), if any. */
    Optional<Instant> nextAttempt(Instant now);

    /** PENDING rows in the order forwarders take them (for dry runs: nothing is claimed). */
    List<OutboxEntry> pending(int limit);

    /** FAILED rows, oldest change first. */
    List<OutboxEntry> failed(int limit);

    Optional<Pause> pause(String target);

    void pause(Pause pause);

    void clearPause(String target);

    /** Outbox and ticket figures for status reports. */
    record Counts(int pending, int due, int claimed, int failed, int tickets, int openTickets) {
    }

    /** Forwarding to {@code target} stopped after 401/403 until {@code retryAt} (or a requeue). */
    record Pause(String target, String reason, Instant since, Instant retryAt, int failures) {
    }
}
