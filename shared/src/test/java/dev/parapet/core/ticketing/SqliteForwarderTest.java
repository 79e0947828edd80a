package dev.parapet.core.ticketing;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

class SqliteForwarderTest extends ForwarderSuite {
    @TempDir
    Path dir;
    private final AtomicInteger files = new AtomicInteger();

    @Override
    String newUrl() {
        return "sqlite:" + dir.resolve("tickets-" + files.incrementAndGet() + ".db");
    }
}
