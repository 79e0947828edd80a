package dev.parapet.core.ticketing;

class PostgresForwarderTest extends ForwarderSuite {
    @Override
    String newUrl() {
        return postgresUrl();
    }
}
