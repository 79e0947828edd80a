package dev.parapet.core.model;

import java.util.Locale;

/** Finding severity, ordered from least to most severe so that {@code compareTo} ranks them. */
public enum Severity {
    INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    public static Severity parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("severity is missing (expected one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL)");
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown severity '" + text + "' (expected one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL)");
        }
    }
}
