package dev.parapet.core.store;

import javax.sql.DataSource;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs units of work on pooled connections. Write transactions retry on serialization failures and deadlocks
 * (PostgreSQL 40001 / 40P01) and on a busy SQLite database; with SQLite they also hold an in-process lock, the
 * single writer. Reads and writes retry while the database is unavailable (refused, restarting, too many
 * connections, connection lost), with exponential back-off and jitter, until the retry budget is spent; then a
 * {@link StoreUnavailableException}. Every write of the store is idempotent, so repeating one whose commit may or
 * may not have happened is safe. No session state is ever set, so any connection of a transaction-mode pooler will do.
 */
final class Tx {
    private static final int CONFLICT_ATTEMPTS = 8;
    private static final long FIRST_PAUSE_MS = 50;
    private static final long MAX_PAUSE_MS = 1_000;

    /** Server states meaning "not now": admin/crash shutdown, starting up, idle timeouts, too many connections. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "57P05", "25P03", "53300");

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    interface Attempt<T> {
        T run() throws SQLException;
    }

    /** What a failure calls for. */
    enum Failure {
        /** Lost a race with another transaction: run it again. */
        CONFLICT,
        /** The database cannot be reached or is not accepting work now: wait and try again, within the budget. */
        UNAVAILABLE,
        /** Anything else (bad SQL, constraint, authentication, missing database): report at once. */
        OTHER;

        static Failure of(Throwable e) {
            boolean unavailable = false;
            boolean conflict = false;
            Throwable t = e;
            for (int depth = 0; t != null && depth < 20; depth++, t = next(t)) {
                if (t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException) {
                    unavailable = true;
                }
                if (t instanceof SQLException s) {
                    String state = s.getSQLState() == null ? "" : s.getSQLState();
                    if (state.startsWith("28") || state.startsWith("3D")) {
                        return OTHER; // wrong credentials or database name: waiting will not help
                    }
                    unavailable |= state.startsWith("08") || UNAVAILABLE_STATES.contains(state);
                    conflict |= "40001".equals(state) || "40P01".equals(state) || sqliteBusy(s);
                }
            }
            return unavailable ? UNAVAILABLE : conflict ? CONFLICT : OTHER;
        }
    }

    private final DataSource dataSource;
    private final Lock writer;
    private final String where;
    private final Duration budget;

    /** True on SQLite, where this process serializes its writes (no row locks to skip). */
    boolean singleWriter() {
        return writer != null;
    }

    /** @param singleWriter serialize write transactions in this process (SQLite) */
    Tx(DataSource dataSource, boolean singleWriter, String where, Duration budget) {
        this.dataSource = dataSource;
        this.writer = singleWriter ? new ReentrantLock(true) : null;
        this.where = where;
        this.budget = budget;
    }

    /** A read in autocommit mode. */
    <T> T read(String what, Work<T> work) {
        return retrying(what, () -> {
            try (Connection c = dataSource.getConnection()) {
                return work.run(c);
            }
        });
    }

    /** One transaction, retried whole when the database asks for it. Work must not keep state between attempts. */
    <T> T write(String what, Work<T> work) {
        if (writer != null) {
            writer.lock();
        }
        try {
            return retrying(what, () -> {
                try (Connection c = dataSource.getConnection()) {
                    c.setAutoCommit(false);
                    try {
                        T result = work.run(c);
                        c.commit();
                        return result;
                    } catch (SQLException | RuntimeException e) {
                        rollbackQuietly(c, e);
                        throw e;
                    }
                }
            });
        } finally {
            if (writer != null) {
                writer.unlock();
            }
        }
    }

    /**
     * Runs an attempt until it succeeds: conflicts are retried a few times, an unavailable database until the budget
     * is spent. Runtime exceptions caused by SQL failures (Flyway's) are judged by their cause.
     */
    <T> T retrying(String what, Attempt<T> attempt) {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        int attempts = 0;
        int conflicts = 0;
        int outages = 0;
        while (true) {
            attempts++;
            try {
                return attempt.run();
            } catch (SQLException | RuntimeException e) {
                Failure failure = Failure.of(e);
                if (failure == Failure.CONFLICT && ++conflicts < CONFLICT_ATTEMPTS) {
                    pause(ThreadLocalRandom.current().nextLong(2, 10L * conflicts * conflicts + 3));
                    continue;
                }
                if (failure == Failure.UNAVAILABLE) {
                    long remaining = (deadline - System.nanoTime() + 999_999) / 1_000_000; // rounded up: sleep past it
                    if (remaining > 0) {
                        pause(Math.min(backoff(++outages), remaining)); // the last attempt comes at the deadline
                        continue;
                    }
                    throw new StoreUnavailableException(what, where, attempts,
                            Duration.ofNanos(System.nanoTime() - start), reason(e), e);
                }
                if (e instanceof RuntimeException r) {
                    throw r;
                }
                throw failure(what, (SQLException) e);
            }
        }
    }

    /** Exponential back-off with equal jitter: half the step plus a random part of the other half. */
    static long backoff(int outage) {
        long step = Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS << Math.min(outage - 1, 16));
        return step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static boolean sqliteBusy(SQLException s) {
        // SQLite result codes: 5 BUSY, 6 LOCKED, extended codes keep them in the low byte.
        int code = s.getErrorCode() & 0xff;
        return s.getClass().getName().startsWith("org.sqlite.") && (code == 5 || code == 6);
    }

    private static Throwable next(Throwable t) {
        if (t instanceof BatchUpdateException b && b.getNextException() != null && b.getNextException() != t) {
            return b.getNextException();
        }
        if (t instanceof SQLException s && s.getNextException() != null && s.getNextException() != t) {
            return s.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    /** The most specific message of the chain: the deepest SQL failure (the driver's words), else the first. */
    private static String reason(Throwable e) {
        Throwable best = e;
        Throwable t = e;
        for (int depth = 0; t != null && depth < 20; depth++, t = next(t)) {
            if (t instanceof SQLException && t.getMessage() != null) {
                best = t;
            }
        }
        String state = best instanceof SQLException s && s.getSQLState() != null ? " (SQLState " + s.getSQLState() + ")" : "";
        return StoreUrl.mask(String.valueOf(best.getMessage())) + state;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while retrying a store operation", e);
        }
    }

    private StoreException failure(String what, SQLException e) {
        SQLException detail = e.getNextException() != null ? e.getNextException() : e;
        return new StoreException(what + " failed on " + where + ": " + detail.getMessage()
                + (detail.getSQLState() != null ? " (SQLState " + detail.getSQLState() + ")" : ""), e);
    }
}
