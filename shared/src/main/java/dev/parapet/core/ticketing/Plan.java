package dev.parapet.core.ticketing;

import dev.parapet.core.store.TicketFinding;
import dev.parapet.core.store.TicketRecord;

/** What forwarding would do for one finding, judged from the store alone (dry runs send nothing). */
public final class Plan {
    private Plan() {
    }

    public static String describe(TicketFinding tf, TicketRecord ticket, TicketConfig config) {
        String correlationId = RecordContent.correlationId(tf.stored().key());
        boolean wanted = config.threshold().wants(tf.stored().finding());
        if (tf.failing()) {
            if (ticket == null) {
                return wanted ? "open a record (or adopt the one with correlation_id " + correlationId + ")"
                        : "skip: below the threshold";
            }
            return switch (ticket.state()) {
                case TicketRecord.RESOLVED -> "failing again: " + config.policy().failingAgain().name().toLowerCase()
                        + " (record " + ticket.number() + ")";
                case TicketRecord.CLOSED_IN_SERVICENOW -> "closed in ServiceNow: "
                        + config.policy().closedInServiceNow().name().toLowerCase() + " (record " + ticket.number() + ")";
                default -> "check record " + ticket.number() + ": work note if the evidence changed";
            };
        }
        if (tf.resolved()) {
            if (ticket == null) {
                return wanted ? "resolve the open record with correlation_id " + correlationId + ", if any"
                        : "skip: below the threshold";
            }
            return TicketRecord.RESOLVED.equals(ticket.state()) ? "nothing: record " + ticket.number() + " is resolved"
                    : "resolve record " + ticket.number() + " (" + tf.stored().resolution() + ")";
        }
        return "skip: the finding is " + tf.stored().state();
    }
}
