package dev.parapet.core.store;

import dev.parapet.core.model.Status;

import java.time.Instant;

/** One entry of a finding's status history. */
public record StatusChange(String findingKey, Status status, String state, Instant at, String scanId) {
}
