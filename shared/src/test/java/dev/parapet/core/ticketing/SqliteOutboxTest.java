package dev.parapet.core.ticketing;

import dev.parapet.core.store.Store;
import dev.parapet.core.store.Stores;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteOutboxTest extends OutboxSuite {
    @Override
    String newUrl() {
        return sqliteUrl();
    }

    /** A store that had failing findings before V2 queues them when it migrates, so they still get records. */
    @Test
    void migratingAnOlderStoreQueuesItsFailingFindings() throws Exception {
        estate.failMany(java.util.List.of("a", "b"), "2026-03-04T10:00:00Z", dev.parapet.core.model.Severity.HIGH);
        estate.pass("b", "2026-03-04T11:00:00Z");
        store.close();
        try (Connection c = DriverManager.getConnection("jdbc:" + url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE ticket_outbox");
            s.execute("DROP TABLE tickets");
            s.execute("DROP TABLE ticket_pause");
            s.execute("DELETE FROM flyway_schema_history WHERE version = '2'");
        }
        store = Stores.open(url);
        assertThat(store.tickets().pending(10)).singleElement()
                .satisfies(e -> assertThat(e.findingKey()).isEqualTo(Estate.key("a")));
    }
}
