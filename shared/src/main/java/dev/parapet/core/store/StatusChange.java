package dev.parapet.core.store;

import dev.parapet.core.model.Status;

import java.time.Instant;

/**
 * One entry of a finding's status history: written when the finding's state changes.
 *
 * @param status     the evaluation at that point (the last one, for a resolution by deletion or not seen)
 * @param resolution PASSED, DELETED or NOT_SEEN when {@code state} is RESOLVED, else null
 * @param at         observation time of the evaluation, the deletion time, or when the scan that missed it finished
 * @param scanId     the scan that made the change, or null for an event
 */
public record StatusChange(String findingKey, Status status, String state, String resolution, Instant at,
                           String scanId) {
}
