package dev.parapet.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens a store from a URL (see {@link StoreUrl}) and brings its schema up to date with the Flyway migrations
 * under db/migration, the same for SQLite and PostgreSQL.
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

    public static JdbcStore open(String url) {
        StoreUrl parsed = StoreUrl.parse(url);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config(parsed));
        } catch (RuntimeException e) {
            throw new StoreException("cannot open store " + parsed.describe() + ": " + StoreUrl.mask(rootMessage(e)), e);
        }
        try {
            migrate(dataSource, parsed);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new JdbcStore(dataSource, dataSource, parsed.kind() == StoreUrl.Kind.SQLITE, parsed.describe());
    }

    static HikariConfig config(StoreUrl url) {
        return config(url, System.getenv());
    }

    /** @param env where PGPASSWORD is read when the URL carries no password (as libpq does) */
    static HikariConfig config(StoreUrl url, Map<String, String> env) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("parapet-store");
        config.setJdbcUrl(url.jdbcUrl());
        config.setInitializationFailTimeout(1); // fail fast with the driver's reason when the database is unreachable
        config.setConnectionTimeout(10_000);
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

    private static void migrate(HikariDataSource dataSource, StoreUrl url) {
        try {
            Flyway.configure(Stores.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    // Branches number their migrations apart (V4 landed before V2, V3): a store migrated past a
                    // number still takes the lower one when it arrives.
                    .outOfOrder(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate store " + url.describe() + ": " + StoreUrl.mask(rootMessage(e)), e);
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
