package dev.parapet.core.ticketing;

import dev.parapet.core.store.TestStores;

class PostgresOutboxTest extends OutboxSuite {
    @Override
    String newUrl() {
        return TestStores.newPostgresUrl();
    }
}
