package dev.parapet.core.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.parapet.core.store.Docs.Block;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.parapet.core.store.Docs.assess;
import static dev.parapet.core.store.Docs.bucket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Connection failures against a real PostgreSQL of its own (so it can be stopped, restarted and filled up without
 * disturbing the other tests): a port with nothing listening, a server restarting in the middle of writes, all
 * connection slots taken, a connection killed inside a transaction.
 */
class PostgresOutageTest {
    /** Small, so that the test can take every slot; superusers get no reserved ones. */
    private static final int MAX_CONNECTIONS = 8;

    @TempDir
    static Path dataDir;
    private static int port;
    private static EmbeddedPostgres server;

    @BeforeAll
    static void start() throws IOException {
        port = freePort();
        server = startServer();
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static EmbeddedPostgres startServer() throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("max_connections", String.valueOf(MAX_CONNECTIONS))
                .setServerConfig("superuser_reserved_connections", "0")
                .setServerConfig("max_wal_senders", "0")
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String url(String params) {
        return "postgresql://postgres:not-a-real-s3cret@localhost:" + port + "/postgres?" + params;
    }

    @Test
    void aPortWithNothingListeningFailsAfterTheBudgetWithATypedError() throws IOException {
        int closed = freePort();
        long start = System.nanoTime();
        assertThatThrownBy(() -> Stores.open("postgresql://parapet:s3cr%21t-pw@127.0.0.1:" + closed + "/parapet?retryBudget=1s"))
                .isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
                    assertThat(e.store()).isEqualTo("jdbc:postgresql://127.0.0.1:" + closed + "/parapet (user parapet)");
                    assertThat(e.attempts()).as("retried within the budget").isGreaterThan(1);
                    assertThat(e.waited()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
                    assertThat(e.getMessage()).contains("127.0.0.1:" + closed, "refused", "SQLState 08001",
                            "read the schema version");
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain("s3cr");
                    }
                });
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // budget + one connection wait (250 ms); the rest is slack for a loaded machine
        assertThat(elapsed).isBetween(1_000L, 6_000L);
    }

    /**
     * The server goes down between writes. A store with a short budget gives up with a typed error and writes
     * nothing; one with a longer budget waits for the restart and succeeds; the refused event, delivered again by
     * the platform after the restart, is written once, and a third delivery changes nothing.
     */
    @Test
    void writesWaitOutARestartOrFailClearlyAndRetriedEventsStayIdempotent() throws Exception {
        try (Store patient = Stores.open(url("retryBudget=120s")); Store hasty = Stores.open(url("retryBudget=300ms"))) {
            patient.recordChange(assess(bucket("before", "2026-03-04T10:00:00Z", Block.ALL)));
            assertThat(hasty.findings(FindingFilter.CURRENT)).hasSize(2);

            server.close();
            var event = assess(bucket("during", "2026-03-04T11:00:00Z", Block.PARTIAL));
            assertThatThrownBy(() -> hasty.recordChange(event))
                    .isInstanceOfSatisfying(StoreUnavailableException.class, e -> assertThat(e.getMessage())
                            .contains("record change", "localhost:" + port).doesNotContain("not-a-real-s3cret"));

            long down = System.nanoTime();
            CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(500);
                    server = startServer();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            ChangeSummary waited = patient.recordChange(assess(bucket("after", "2026-03-04T12:00:00Z", Block.PARTIAL)));
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - down)).isGreaterThanOrEqualTo(500);
            restart.get(120, TimeUnit.SECONDS);
            assertThat(waited.opened()).isEqualTo(1);

            ChangeSummary redelivered = hasty.recordChange(event);
            assertThat(redelivered.opened()).isEqualTo(1);
            assertThat(hasty.recordChange(event).findingsWritten()).isZero();
            assertThat(patient.findings(FindingFilter.CURRENT)).extracting(f -> f.finding().resource().name())
                    .contains("before", "during", "after");
            assertThat(patient.findings(FindingFilter.CURRENT).stream()
                    .filter(f -> f.finding().resource().name().equals("during"))).hasSize(1);
        }
    }

    /** Every connection slot is taken; the store waits (too many clients, 53300) until one frees up. */
    @Test
    void tooManyConnectionsIsWaitedOut() throws Exception {
        try (JdbcStore migrated = Stores.open(url("retryBudget=60s"))) {
            assertThat(migrated.schema().pending()).as("schema in place before the slots run out").isNotNull();
        }
        List<Connection> held = new ArrayList<>();
        try {
            while (held.size() <= MAX_CONNECTIONS) {
                try {
                    held.add(DriverManager.getConnection(server.getJdbcUrl("postgres", "postgres")));
                } catch (SQLException e) {
                    assertThat(e.getSQLState()).isEqualTo("53300");
                    break;
                }
            }
            assertThat(held).isNotEmpty().hasSizeLessThanOrEqualTo(MAX_CONNECTIONS);
            Connection released = held.remove(0);
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(1_000);
                    released.close();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long start = System.nanoTime();
            try (Store store = Stores.open(url("retryBudget=60s"))) {
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(900);
                assertThat(store.findings(FindingFilter.CURRENT)).isNotNull();
            }
            release.get(60, TimeUnit.SECONDS);
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }

    /** A connection killed inside a transaction (57P01): the whole transaction runs again, once, on a new one. */
    @Test
    void aConnectionLostInsideATransactionIsRetriedWhole() throws Exception {
        StoreUrl parsed = StoreUrl.parse(url("retryBudget=30s"));
        try (HikariDataSource pool = new HikariDataSource(Stores.config(parsed))) {
            Tx tx = new Tx(pool, false, parsed.describe(), parsed.options().retryBudget());
            tx.write("create table", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS outage_probe (n INTEGER)");
                    s.execute("DELETE FROM outage_probe");
                }
                return null;
            });
            AtomicInteger attempts = new AtomicInteger();
            tx.write("insert once", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO outage_probe VALUES (1)");
                    if (attempts.incrementAndGet() == 1) {
                        s.execute("SELECT pg_terminate_backend(pg_backend_pid())");
                    }
                }
                return null;
            });
            assertThat(attempts).hasValue(2);
            int rows = tx.read("count", c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM outage_probe")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(rows).as("the killed attempt's insert was rolled back").isEqualTo(1);
        }
    }
}
