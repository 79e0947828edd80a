package dev.parapet.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens a store from a URL (see {@link StoreUrl}) and brings its schema up to date with the Flyway migrations
 * under db/migration, the same for SQLite and PostgreSQL (see {@link StoreOptions} for when Flyway runs).
 */
public final class Stores {
    /** Environment variable callers read the store URL from. */
    public static final String ENV = "PARAPET_STORE_URL";

    /** Small pools: a serverless function handles one request at a time, a CLI a few threads. */
    static final int POSTGRES_POOL = 4;
    static final int SQLITE_POOL = 4;
    static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;

    private Stores() {
    }

    /**
     * Opens the store: checks the database is reachable (retrying within the URL's retry budget) and handles the
     * schema as the URL's {@code migrate} parameter says (default auto: Flyway only when a migration is pending).
     */
    public static JdbcStore open(String url) {
        return open(StoreUrl.parse(url));
    }

    public static JdbcStore open(StoreUrl url) {
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config(url));
        } catch (RuntimeException e) {
            throw new StoreException("cannot open store " + url.describe() + ": " + StoreUrl.mask(rootMessage(e)), e);
        }
        try {
            Tx tx = new Tx(dataSource, url.kind() == StoreUrl.Kind.SQLITE, url.describe(), url.options().retryBudget());
            SchemaCheck schema = Schema.ensure(tx, dataSource, url.options().migrate(), url.describe());
            return new JdbcStore(tx, dataSource, schema);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /** Runs Flyway whatever the URL says (for `parapet store migrate`): applies pending migrations, validates all. */
    public static SchemaCheck migrate(String url) {
        StoreUrl parsed = StoreUrl.parse(url);
        try (JdbcStore store = open(new StoreUrl(parsed.kind(), parsed.jdbcUrl(), parsed.user(), parsed.password(),
                parsed.sqliteFile(), parsed.options().withMigrate(StoreOptions.Migrate.ALWAYS)))) {
            return store.schema();
        }
    }

    /**
     * How long one connection attempt waits for the pool: a slice of the retry budget (so that several attempts fit),
     * between 250 ms (HikariCP's minimum) and 1 s.
     */
    static long attemptTimeoutMillis(StoreOptions options) {
        return Math.max(250, Math.min(1_000, options.retryBudget().toMillis() / 4));
    }

    static HikariConfig config(StoreUrl url) {
        return config(url, System.getenv());
    }

    /** @param env where PGPASSWORD is read when the URL carries no password (as libpq does) */
    static HikariConfig config(StoreUrl url, Map<String, String> env) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("parapet-store");
        config.setJdbcUrl(url.jdbcUrl());
        // The pool connects lazily; the first query of open() reaches the database, with the store's retries.
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(attemptTimeoutMillis(url.options()));
        config.setIdleTimeout(60_000);
        config.setMaxLifetime(300_000);
        config.setMinimumIdle(0);
        if (url.kind() == StoreUrl.Kind.SQLITE) {
            createParent(url.sqliteFile());
            config.setDriverClassName("org.sqlite.JDBC");
            config.setMaximumPoolSize(SQLITE_POOL);
            // Pragmas as connection properties, applied by the driver to every new connection.
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.addDataSourceProperty("busy_timeout", String.valueOf(SQLITE_BUSY_TIMEOUT_MS));
            config.addDataSourceProperty("foreign_keys", "true");
            // BEGIN IMMEDIATE: a writer takes the write lock up front (waiting busy_timeout) instead of failing
            // when it upgrades from reading while another process writes.
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        } else {
            config.setDriverClassName("org.postgresql.Driver");
            // No isolation level set: the pool would issue SET SESSION CHARACTERISTICS (session state). The store
            // expects the server default, READ COMMITTED; under a stricter one its retries still converge.
            config.setMaximumPoolSize(POSTGRES_POOL);
            if (url.user() != null) {
                config.setUsername(url.user());
            }
            String password = url.password() != null ? url.password() : env.get("PGPASSWORD");
            if (password != null) {
                config.setPassword(password);
            }
            // No named server-side statements: PgBouncer in transaction mode and RDS Proxy may hand each
            // transaction a different server connection.
            config.addDataSourceProperty("prepareThreshold", "0");
            config.addDataSourceProperty("ApplicationName", "parapet");
        }
        return config;
    }

    private static void createParent(Path file) {
        Path parent = file.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new StoreException("cannot create the folder of the SQLite store " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
