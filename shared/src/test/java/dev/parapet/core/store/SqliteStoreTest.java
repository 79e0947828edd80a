package dev.parapet.core.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The store suite on an SQLite file. */
class SqliteStoreTest extends StoreGuardsSuite {
    @TempDir
    Path dir;
    private final AtomicInteger files = new AtomicInteger();

    @Override
    String newUrl() {
        return "sqlite:" + dir.resolve("store-" + files.incrementAndGet() + ".db");
    }

    @Test
    void everyUrlFormOpensTheSameFileInWalMode() throws Exception {
        Path file = dir.resolve("nested/folder/parapet.db");
        for (String form : new String[]{"sqlite:" + file, file.toString(), "jdbc:sqlite:" + file}) {
            try (Store s = Stores.open(form)) {
                s.recordChange(Docs.assess(Docs.bucket("b", "2026-03-04T10:00:00Z", Docs.Block.PARTIAL)));
                assertThat(s.findings(FindingFilter.CURRENT)).hasSize(2);
            }
        }
        assertThat(Files.exists(file)).isTrue();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
    }
}
