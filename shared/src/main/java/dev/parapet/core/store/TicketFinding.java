package dev.parapet.core.store;

import java.time.Instant;
import java.util.Map;

/**
 * What the ticket forwarder reads about one finding.
 *
 * @param phase         PASSING, OPEN or RESOLVED (the lifecycle phase, also while the state shows ERROR)
 * @param active        false once the resource is gone or a complete scan no longer saw the pair
 * @param tags          the resource's tags from the inventory (empty when it has none or is not stored)
 * @param failingSince  when the current failure began (the latest move to OPEN), null when not failing
 */
public record TicketFinding(StoredFinding stored, String phase, boolean active, Map<String, String> tags,
                            Instant failingSince) {
    public TicketFinding {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public boolean failing() {
        return "OPEN".equals(phase) && active && StoredFinding.OPEN.equals(stored.state());
    }

    public boolean resolved() {
        return "RESOLVED".equals(phase);
    }
}
