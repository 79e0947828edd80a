package dev.parapet.core.ticketing;

class SqliteForwarderTest extends ForwarderSuite {
    @Override
    String newUrl() {
        return sqliteUrl();
    }
}
