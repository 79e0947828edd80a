package dev.parapet.core.store;

import java.time.Instant;
import java.util.List;

/**
 * A scan of one or more scopes.
 *
 * @param trigger   what started it: "cli", "demo", "schedule", ...
 * @param state     RUNNING, COMPLETE (set by the store)
 * @param finishedAt null while running
 */
public record Scan(String id, List<ScanScope> scopes, String trigger, Instant startedAt, Instant finishedAt,
                   String state) {
    public Scan {
        scopes = List.copyOf(scopes);
    }

    public static Scan running(String id, List<ScanScope> scopes, String trigger, Instant startedAt) {
        return new Scan(id, scopes, trigger, startedAt, null, "RUNNING");
    }
}
