package dev.parapet.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads the timestamps the clouds write: ISO-8601 strings, or epoch seconds as the AWS CLI prints them. */
final class Timestamps {
    private Timestamps() {
    }

    /** True when a timestamp field is present with a value that is not a timestamp (as opposed to absent or null). */
    static boolean malformed(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode()
                && !(node.isTextual() && node.asText().isBlank()) && read(node) == null;
    }

    /** The time, or null when the node is absent, null or not a timestamp. */
    static Instant read(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            BigDecimal seconds = node.decimalValue();
            if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(100_000_000_000_000L)) > 0) {
                return null; // no cloud writes these; a garbage number must not become a date
            }
            // Epoch milliseconds are > 1e11 for any date after 1973; seconds are below that until the year 5138.
            if (seconds.compareTo(BigDecimal.valueOf(100_000_000_000L)) > 0) {
                return Instant.ofEpochMilli(seconds.longValue());
            }
            return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        if (node.isTextual()) {
            String text = node.asText().trim();
            if (text.isEmpty()) {
                return null;
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeException e2) {
                    return null;
                }
            }
        }
        return null;
    }
}
