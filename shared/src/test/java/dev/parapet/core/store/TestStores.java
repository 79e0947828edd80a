package dev.parapet.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The store tests' backends for tests in other packages: a fresh embedded PostgreSQL database per call. */
public final class TestStores {
    private TestStores() {
    }

    public static String newPostgresUrl() {
        return EmbeddedPg.newDatabase();
    }

    /**
     * Drops a database made by {@link #newPostgresUrl()} once its store is closed, so the server's data folder stays
     * small (deleting it at JVM exit takes long once it holds dozens of databases).
     */
    public static void dropPostgres(String url) {
        String name = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = EmbeddedPg.server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name, e);
        }
    }
}
