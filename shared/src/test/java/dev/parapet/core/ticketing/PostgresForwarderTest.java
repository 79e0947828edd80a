package dev.parapet.core.ticketing;

import dev.parapet.core.store.TestStores;

class PostgresForwarderTest extends ForwarderSuite {
    @Override
    String newUrl() {
        return TestStores.newPostgresUrl();
    }
}
