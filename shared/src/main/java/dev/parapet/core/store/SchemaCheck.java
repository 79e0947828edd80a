package dev.parapet.core.store;

import java.util.List;

/**
 * What opening a store found and did about its schema.
 *
 * @param bundled    migration versions in this build, oldest first
 * @param pending    bundled versions the database lacked when it was opened
 * @param flywayRan  whether Flyway ran (migrate=always, or migrate=auto with pending versions)
 */
public record SchemaCheck(StoreOptions.Migrate mode, List<String> bundled, List<String> pending, boolean flywayRan) {
    public SchemaCheck {
        bundled = List.copyOf(bundled);
        pending = List.copyOf(pending);
    }
}
