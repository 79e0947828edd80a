package dev.parapet.core.ticketing;

import dev.parapet.core.store.Store;
import dev.parapet.core.store.Stores;
import dev.parapet.core.store.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** A fresh real store per test (the subclass picks the backend) with the bucket estate writing to it. */
abstract class StoreBacked {
    @TempDir
    Path dir;
    private final AtomicInteger files = new AtomicInteger();

    protected String url;
    protected Store store;
    protected Estate estate;

    /** A fresh, empty store location. */
    abstract String newUrl();

    String sqliteUrl() {
        return "sqlite:" + dir.resolve("store-" + files.incrementAndGet() + ".db");
    }

    static String postgresUrl() {
        return TestStores.newPostgresUrl();
    }

    @BeforeEach
    void openStore() {
        url = newUrl();
        store = Stores.open(url);
        estate = new Estate(store);
    }

    @AfterEach
    void closeStore() {
        store.close();
        if (url.startsWith("postgresql:")) {
            TestStores.dropPostgres(url);
        }
    }
}
