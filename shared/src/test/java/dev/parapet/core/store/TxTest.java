package dev.parapet.core.store;

import dev.parapet.core.store.Tx.Failure;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How failures are judged and retried. The attempts here stand in for a database by throwing the SQLStates drivers
 * and the pool report; PostgresOutageTest produces the same failures with a real server.
 */
class TxTest {
    private static Tx tx(Duration budget) {
        return new Tx(null, false, "jdbc:postgresql://db/x (user app)", budget);
    }

    @Test
    void failuresAreJudgedByTheirSqlState() {
        for (String state : new String[]{"08001", "08006", "57P01", "57P02", "57P03", "53300"}) {
            assertThat(Failure.of(new SQLException("down", state))).as(state).isEqualTo(Failure.UNAVAILABLE);
        }
        assertThat(Failure.of(new SQLException("serialization", "40001"))).isEqualTo(Failure.CONFLICT);
        assertThat(Failure.of(new SQLException("deadlock", "40P01"))).isEqualTo(Failure.CONFLICT);
        assertThat(Failure.of(new SQLException("duplicate key", "23505"))).isEqualTo(Failure.OTHER);
        assertThat(Failure.of(new IllegalArgumentException("bad data"))).isEqualTo(Failure.OTHER);
        // the pool timing out with no connection failure behind it (every connection busy)
        assertThat(Failure.of(new SQLTransientConnectionException("request timed out"))).isEqualTo(Failure.UNAVAILABLE);
        // the pool timing out because the password is wrong: waiting will not help
        assertThat(Failure.of(new SQLTransientConnectionException("request timed out", "28P01",
                new SQLException("password authentication failed", "28P01")))).isEqualTo(Failure.OTHER);
        assertThat(Failure.of(new SQLException("database \"x\" does not exist", "3D000"))).isEqualTo(Failure.OTHER);
        // Flyway wraps the driver's exception
        assertThat(Failure.of(new RuntimeException("migration failed", new SQLException("I/O error", "08006"))))
                .isEqualTo(Failure.UNAVAILABLE);
    }

    @Test
    void backOffGrowsWithJitterUpToASecond() {
        for (int outage = 1; outage <= 12; outage++) {
            long step = Math.min(1_000, 50L << (outage - 1));
            for (int i = 0; i < 50; i++) {
                assertThat(Tx.backoff(outage)).as("outage %d", outage).isBetween(step / 2, step);
            }
        }
    }

    @Test
    void anOutageShorterThanTheBudgetIsRiddenOut() {
        AtomicInteger attempts = new AtomicInteger();
        String result = tx(Duration.ofSeconds(30)).retrying("read", () -> {
            if (attempts.incrementAndGet() < 4) {
                throw new SQLException("Connection refused", "08001");
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(attempts).hasValue(4);
    }

    @Test
    void aLongerOutageEndsInATypedErrorAfterTheBudget() {
        AtomicInteger attempts = new AtomicInteger();
        long start = System.nanoTime();
        assertThatThrownBy(() -> tx(Duration.ofMillis(400)).retrying("record change", () -> {
            attempts.incrementAndGet();
            throw new SQLException("FATAL: the database system is starting up", "57P03");
        })).isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
            assertThat(e.attempts()).isEqualTo(attempts.get()).isGreaterThan(2);
            assertThat(e.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            assertThat(e.store()).isEqualTo("jdbc:postgresql://db/x (user app)");
            assertThat(e.getMessage()).isEqualTo("store jdbc:postgresql://db/x (user app) unavailable: record change "
                    + "gave up after " + attempts.get() + " attempts in " + e.waited().toMillis() + " ms: "
                    + "FATAL: the database system is starting up (SQLState 57P03)");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> tx(Duration.ofSeconds(30)).retrying("write", () -> {
            attempts.incrementAndGet();
            throw new SQLException("value too long", "22001");
        })).isInstanceOf(StoreException.class).isNotInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("value too long (SQLState 22001)");
        assertThat(attempts).hasValue(1);

        assertThatThrownBy(() -> tx(Duration.ZERO).retrying("write", () -> {
            throw new SQLException("refused", "08001");
        })).isInstanceOfSatisfying(StoreUnavailableException.class, e -> assertThat(e.attempts()).isEqualTo(1));
    }
}
