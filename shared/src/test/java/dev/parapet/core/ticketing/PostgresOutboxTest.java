package dev.parapet.core.ticketing;

class PostgresOutboxTest extends OutboxSuite {
    @Override
    String newUrl() {
        return postgresUrl();
    }
}
