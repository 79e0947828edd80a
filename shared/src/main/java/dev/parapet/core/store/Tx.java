package dev.parapet.core.store;

import javax.sql.DataSource;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs units of work on pooled connections. Write transactions retry on serialization failures and deadlocks
 * (PostgreSQL 40001 / 40P01) and on a busy SQLite database; with SQLite they also hold an in-process lock, the
 * single writer. No session state is ever set, so any connection of a transaction-mode pooler will do.
 */
final class Tx {
    private static final int ATTEMPTS = 8;

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final Lock writer;
    private final String where;

    /** @param singleWriter serialize write transactions in this process (SQLite) */
    Tx(DataSource dataSource, boolean singleWriter, String where) {
        this.dataSource = dataSource;
        this.writer = singleWriter ? new ReentrantLock(true) : null;
        this.where = where;
    }

    /** A read in autocommit mode. */
    <T> T read(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** One transaction, retried whole when the database asks for it. Work must not keep state between attempts. */
    <T> T write(String what, Work<T> work) {
        if (writer != null) {
            writer.lock();
        }
        try {
            for (int attempt = 1; ; attempt++) {
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
                } catch (SQLException e) {
                    if (attempt >= ATTEMPTS || !retryable(e)) {
                        throw failure(what, e);
                    }
                    pause(attempt);
                }
            }
        } finally {
            if (writer != null) {
                writer.unlock();
            }
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    static boolean retryable(SQLException e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 20; depth++, t = next(t)) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if ("40001".equals(state) || "40P01".equals(state)) {
                    return true;
                }
                // SQLite result codes: 5 BUSY, 6 LOCKED, extended codes keep them in the low byte.
                int code = s.getErrorCode() & 0xff;
                if (s.getClass().getName().startsWith("org.sqlite.") && (code == 5 || code == 6)) {
                    return true;
                }
            }
        }
        return false;
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

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(2, 10L * attempt * attempt + 3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while retrying a store transaction", e);
        }
    }

    private StoreException failure(String what, SQLException e) {
        SQLException detail = e.getNextException() != null ? e.getNextException() : e;
        return new StoreException(what + " failed on " + where + ": " + detail.getMessage()
                + (detail.getSQLState() != null ? " (SQLState " + detail.getSQLState() + ")" : ""), e);
    }
}
