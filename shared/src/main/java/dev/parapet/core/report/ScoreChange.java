package dev.parapet.core.report;

import java.time.Instant;

/**
 * A scope's score now against the last score recorded before the report's scans (the previous report).
 *
 * @param percent         the score computed for this report; null when nothing in the scope was assessed
 * @param previousPercent the previous score point; null when there is none (or it assessed nothing)
 * @param previousAt      when the previous point was recorded; null when there is none
 */
public record ScoreChange(String kind, String id, Double percent, Double previousPercent, Instant previousAt) {

    /** Percentage points gained (positive) or lost since the previous point; null when either side is unknown. */
    public Double change() {
        return percent == null || previousPercent == null ? null : percent - previousPercent;
    }

    public String label() {
        return id.isEmpty() ? kind : id;
    }
}
