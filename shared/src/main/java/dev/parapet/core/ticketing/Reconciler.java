package dev.parapet.core.ticketing;

import dev.parapet.core.store.OutboxEntry;
import dev.parapet.core.store.TicketFinding;
import dev.parapet.core.store.TicketRecord;
import dev.parapet.core.store.TicketStore;
import dev.parapet.core.ticketing.Governance.Assignment;
import dev.parapet.core.ticketing.ServiceNowClient.Remote;
import dev.parapet.core.ticketing.TicketConfig.ClosedInServiceNow;
import dev.parapet.core.ticketing.TicketConfig.FailingAgain;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Brings one finding's ServiceNow record in line with the finding's current state (docs/SERVICENOW.md, "Behaviour").
 * Safe to run again after any failure: before creating, it adopts the newest record with the finding's
 * correlation_id; the sys_id is stored as soon as it is known; a work note is recorded as sent before it is sent
 * (so it is never sent twice, and is sent again only when the first attempt certainly did not arrive).
 */
final class Reconciler {
    private final TicketStore store;
    private final ServiceNowClient client;
    private final TicketConfig config;
    private final RecordContent content;
    private final Clock clock;

    Reconciler(TicketStore store, ServiceNowClient client, TicketConfig config, RecordContent content, Clock clock) {
        this.store = store;
        this.client = client;
        this.config = config;
        this.content = content;
        this.clock = clock;
    }

    Outcome reconcile(OutboxEntry entry, Deadline d) {
        Optional<TicketFinding> found = store.finding(entry.findingKey());
        if (found.isEmpty()) {
            return Outcome.SKIPPED; // removed by retention since
        }
        TicketFinding tf = found.get();
        TicketRecord ticket = store.ticket(entry.findingKey()).orElse(null);
        if (tf.failing()) {
            return failing(tf, ticket, d);
        }
        if (tf.resolved()) {
            return resolved(tf, ticket, d);
        }
        return Outcome.SKIPPED; // the rule cannot decide now (ERROR), or the pair never failed
    }

    private Outcome failing(TicketFinding tf, TicketRecord ticket, Deadline d) {
        if (ticket == null) {
            return wanted(tf) ? openOrAdopt(tf, null, d) : Outcome.SKIPPED;
        }
        Optional<Remote> record = client.get(ticket.table(), ticket.sysId(), d);
        if (record.isEmpty()) {
            return openOrAdopt(tf, null, d); // deleted in ServiceNow
        }
        Remote r = record.get();
        if (active(r)) {
            return stillOpen(tf, ticket, r, d);
        }
        if (TicketRecord.RESOLVED.equals(ticket.state())) {
            // a new failure after a resolution: reopen only what is still merely resolved (closed records stay closed)
            boolean reopen = config.policy().failingAgain() == FailingAgain.REOPEN
                    && config.mapping().states().resolved().equals(r.state());
            return reopen ? reopen(tf, ticket, r, d) : openOrAdopt(tf, ticket, d);
        }
        return closedByPeople(tf, ticket, r, d);
    }

    /** Someone closed the record while the finding was failing: the configured choice, never silence. */
    private Outcome closedByPeople(TicketFinding tf, TicketRecord ticket, Remote r, Deadline d) {
        ClosedInServiceNow policy = config.policy().closedInServiceNow();
        if (policy == ClosedInServiceNow.REOPEN) {
            return reopen(tf, ticket, r, d);
        }
        if (policy == ClosedInServiceNow.NEW) {
            return openOrAdopt(tf, ticket, d);
        }
        store.saveTicket(ticket.withState(TicketRecord.CLOSED_IN_SERVICENOW, r.state(), now()));
        return Outcome.LEFT_CLOSED;
    }

    /**
     * Adopts the newest active record with the correlation_id, or creates one. {@code previous} is the closed
     * record this one follows, if any.
     */
    private Outcome openOrAdopt(TicketFinding tf, TicketRecord previous, Deadline d) {
        String correlationId = RecordContent.correlationId(tf.stored().key());
        Optional<Remote> latest = client.latestByCorrelation(correlationId, d);
        if (latest.isPresent() && active(latest.get())) {
            return adopt(tf, latest.get(), d);
        }
        if (latest.isPresent() && previous == null) {
            // a closed record this store never knew (lost sys_id, an earlier store): the choice for closed records
            return closedByPeople(tf, fresh(tf, latest.get(), TicketRecord.OPEN, null, null), latest.get(), d);
        }
        Instant now = now();
        Assignment a = assign(tf, now);
        String follows = previous != null ? previous.number() : null;
        Remote created = client.create(content.create(tf, a, follows), d);
        store.saveTicket(new TicketRecord(tf.stored().key(), correlationId, created.table(), created.sysId(),
                created.number(), TicketRecord.OPEN, created.state(), RecordContent.evidenceHash(tf.stored().finding()),
                a.owner(), a.assignmentGroup(), a.due(), now, null, now));
        return Outcome.CREATED;
    }

    private Outcome adopt(TicketFinding tf, Remote r, Deadline d) {
        Instant now = now();
        Assignment a = assign(tf, now);
        Remote updated = client.update(r.table(), r.sysId(), content.refresh(tf, a), true, d);
        store.saveTicket(new TicketRecord(tf.stored().key(), RecordContent.correlationId(tf.stored().key()), r.table(),
                r.sysId(), r.number(), TicketRecord.OPEN, updated.state(), RecordContent.evidenceHash(tf.stored().finding()),
                a.owner(), a.assignmentGroup(), a.due(), now, null, now));
        return Outcome.ADOPTED;
    }

    private Outcome stillOpen(TicketFinding tf, TicketRecord ticket, Remote r, Deadline d) {
        String hash = RecordContent.evidenceHash(tf.stored().finding());
        TicketRecord current = ticket.withState(TicketRecord.OPEN, r.state(), now());
        if (hash.equals(ticket.evidenceHash())) {
            if (!current.state().equals(ticket.state())) {
                store.saveTicket(current); // reopened in ServiceNow, or our reopen's answer was lost
            }
            return Outcome.UNCHANGED;
        }
        noteOnce(current.withEvidence(hash, now()), ticket,
                () -> client.update(r.table(), r.sysId(), content.evidenceNote(tf), false, d));
        return Outcome.NOTED;
    }

    private Outcome reopen(TicketFinding tf, TicketRecord ticket, Remote r, Deadline d) {
        Instant now = now();
        Assignment a = assign(tf, now);
        String hash = RecordContent.evidenceHash(tf.stored().finding());
        Map<String, String> fields = content.reopen(tf, a);
        noteOnce(ticket.withEvidence(hash, now), ticket, () -> client.update(r.table(), r.sysId(), fields, false, d));
        store.saveTicket(new TicketRecord(ticket.findingKey(), ticket.correlationId(), r.table(), r.sysId(), r.number(),
                TicketRecord.OPEN, config.mapping().states().reopen(), hash, a.owner(), a.assignmentGroup(), a.due(),
                ticket.openedAt(), null, now));
        return Outcome.REOPENED;
    }

    /**
     * Records the note as sent, then sends it; puts the old record back only when the request certainly did not
     * arrive. So a note is never repeated; after a lost answer it may be missing (at most once, by design).
     */
    private void noteOnce(TicketRecord sent, TicketRecord before, Runnable send) {
        store.saveTicket(sent);
        try {
            send.run();
        } catch (ServiceNowException e) {
            if (!e.ambiguous()) {
                store.saveTicket(before);
            }
            throw e;
        }
    }

    private Outcome resolved(TicketFinding tf, TicketRecord ticket, Deadline d) {
        Instant now = now();
        if (ticket == null) {
            if (!wanted(tf)) {
                return Outcome.SKIPPED;
            }
            // a record may exist whose sys_id was never stored (answer lost, process died)
            Optional<Remote> latest = client.latestByCorrelation(RecordContent.correlationId(tf.stored().key()), d);
            if (latest.isEmpty() || !active(latest.get())) {
                return Outcome.SKIPPED;
            }
            ticket = fresh(tf, latest.get(), TicketRecord.OPEN, null, null);
            store.saveTicket(ticket);
        } else if (TicketRecord.RESOLVED.equals(ticket.state())) {
            return Outcome.UNCHANGED;
        } else if (TicketRecord.CLOSED_IN_SERVICENOW.equals(ticket.state())) {
            store.saveTicket(ticket.withState(TicketRecord.RESOLVED, ticket.recordState(), now));
            return Outcome.UNCHANGED;
        }
        Optional<Remote> record = client.get(ticket.table(), ticket.sysId(), d);
        if (record.isEmpty() || !active(record.get())) {
            store.saveTicket(ticket.withState(TicketRecord.RESOLVED, record.map(Remote::state).orElse(null), now));
            return Outcome.UNCHANGED; // deleted or closed in ServiceNow already
        }
        Remote r = record.get();
        client.update(r.table(), r.sysId(), content.resolve(tf), true, d);
        store.saveTicket(ticket.withState(TicketRecord.RESOLVED, config.mapping().states().resolved(), now));
        return Outcome.RESOLVED;
    }

    private TicketRecord fresh(TicketFinding tf, Remote r, String state, Assignment a, String hash) {
        Instant now = now();
        return new TicketRecord(tf.stored().key(), RecordContent.correlationId(tf.stored().key()), r.table(), r.sysId(),
                r.number(), state, r.state(), hash, a == null ? null : a.owner(), a == null ? null : a.assignmentGroup(),
                a == null ? null : a.due(), now, null, now);
    }

    private boolean wanted(TicketFinding tf) {
        return config.threshold().wants(tf.stored().finding());
    }

    private boolean active(Remote r) {
        return r.state() == null || !config.mapping().states().inactive().contains(r.state());
    }

    private Assignment assign(TicketFinding tf, Instant now) {
        return config.governance().assign(tf.stored().finding(), tf.tags(), tf.failingSince(), now);
    }

    private Instant now() {
        return clock.instant();
    }
}
