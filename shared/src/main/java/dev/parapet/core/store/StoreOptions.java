package dev.parapet.core.store;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parapet's own store URL parameters, taken out of the URL before the driver sees it (docs/STORE.md):
 * {@code migrate=auto|always|never} and {@code retryBudget=5s}.
 *
 * @param migrate     what opening does with the schema
 * @param retryBudget how long one store operation may keep retrying while the database is unavailable
 */
public record StoreOptions(Migrate migrate, Duration retryBudget) {

    /** Schema handling when a store is opened. */
    public enum Migrate {
        /** Run Flyway only when a bundled migration is not applied yet (one query otherwise). The default. */
        AUTO,
        /** Run Flyway on every open: migrates and validates checksums (the slowest open). */
        ALWAYS,
        /** Never change the schema; refuse to open one that lacks a bundled migration (`parapet store migrate`). */
        NEVER
    }

    public static final Duration DEFAULT_RETRY_BUDGET = Duration.ofSeconds(5);
    public static final StoreOptions DEFAULT = new StoreOptions(Migrate.AUTO, DEFAULT_RETRY_BUDGET);

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s)?");

    public StoreOptions {
        if (migrate == null || retryBudget == null || retryBudget.isNegative()) {
            throw new IllegalArgumentException("store options need a migrate mode and a retry budget of 0 or more");
        }
    }

    /** Whether a URL parameter name is one of ours (case-insensitive). */
    static boolean owns(String name) {
        return name.equalsIgnoreCase("migrate") || name.equalsIgnoreCase("retryBudget");
    }

    StoreOptions with(String name, String value) {
        if (name.equalsIgnoreCase("migrate")) {
            return new StoreOptions(parseMigrate(value), retryBudget);
        }
        return new StoreOptions(migrate, parseDuration(name, value));
    }

    public StoreOptions withMigrate(Migrate mode) {
        return new StoreOptions(mode, retryBudget);
    }

    private static Migrate parseMigrate(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> Migrate.AUTO;
            case "always", "true" -> Migrate.ALWAYS;
            case "never", "false" -> Migrate.NEVER;
            default -> throw new IllegalArgumentException("store URL parameter migrate='" + value
                    + "' is not one of auto, always, never (true = always, false = never)");
        };
    }

    private static Duration parseDuration(String name, String value) {
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("store URL parameter " + name + "='" + value
                    + "' is not a duration (milliseconds, or a number followed by ms or s: 500ms, 5s)");
        }
        long n = Long.parseLong(m.group(1));
        return "s".equals(m.group(2)) ? Duration.ofSeconds(n) : Duration.ofMillis(n);
    }
}
