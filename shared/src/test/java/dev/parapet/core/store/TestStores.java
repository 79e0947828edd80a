package dev.parapet.core.store;

/** The store tests' backends for tests in other packages: a fresh embedded PostgreSQL database per call. */
public final class TestStores {
    private TestStores() {
    }

    public static String newPostgresUrl() {
        return EmbeddedPg.newDatabase();
    }
}
