package dev.parapet.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How long the store keeps history: {@code PARAPET_RETENTION_DAYS} days (default 365), or {@code off} to keep
 * everything. Scheduled functions and {@code parapet store prune} apply it with {@link #apply(Store, Instant)}.
 *
 * @param days days to keep; 0 means keep everything
 */
public record Retention(int days) {
    public static final String ENV = "PARAPET_RETENTION_DAYS";
    public static final int DEFAULT_DAYS = 365;
    public static final int MAX_DAYS = 36_500;
    public static final Retention DEFAULT = new Retention(DEFAULT_DAYS);
    public static final Retention FOREVER = new Retention(0);

    public Retention {
        if (days < 0 || days > MAX_DAYS) {
            throw new IllegalArgumentException("retention must be between 1 and " + MAX_DAYS + " days (or off), got " + days);
        }
    }

    /** From {@code PARAPET_RETENTION_DAYS}: unset or blank gives the default, {@code off} keeps everything. */
    public static Retention fromEnv(Map<String, String> env) {
        String value = env.get(ENV);
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        return parse(value, ENV);
    }

    /** Days as a number, or off / never / forever. {@code source} names where the text came from, for errors. */
    public static Retention parse(String value, String source) {
        Objects.requireNonNull(value, "value");
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("off") || v.equals("never") || v.equals("forever")) {
            return FOREVER;
        }
        try {
            int days = Integer.parseInt(v);
            if (days >= 1 && days <= MAX_DAYS) {
                return new Retention(days);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(source + "='" + value + "' is not a number of days between 1 and "
                + MAX_DAYS + " (or off)");
    }

    public boolean forever() {
        return days == 0;
    }

    /** Everything strictly older than this goes; null when keeping everything. */
    public Instant cutoff(Instant now) {
        return forever() ? null : now.minus(Duration.ofDays(days));
    }

    /** Applies the retention; returns rows deleted (0 and no database work when keeping everything). */
    public int apply(Store store, Instant now) {
        return forever() ? 0 : store.applyRetention(cutoff(now));
    }

    @Override
    public String toString() {
        return forever() ? "keep everything" : days + " days";
    }
}
