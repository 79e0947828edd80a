package dev.parapet.core.model;

import java.util.Locale;

/** The cloud a resource lives in. */
public enum Provider {
    AWS, AZURE, GCP;

    /** Lower-case name as used in rule files, JSON output and store rows. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Provider parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("provider is missing (expected aws, azure or gcp)");
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "aws" -> AWS;
            case "azure" -> AZURE;
            case "gcp", "google" -> GCP;
            default -> throw new IllegalArgumentException("unknown provider '" + text + "' (expected aws, azure or gcp)");
        };
    }
}
