package dev.parapet.core.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import javax.sql.DataSource;

/** The only class that touches Flyway, so that an open that skips it does not even load it (cold start). */
final class FlywayRun {
    private FlywayRun() {
    }

    /** Applies pending migrations and validates the applied ones' checksums. */
    static void migrate(DataSource dataSource, String where) {
        try {
            Flyway.configure(FlywayRun.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:" + Schema.LOCATION)
                    // Branches number their migrations apart (V4 landed before V2, V3): a store migrated past a number
                    // still takes the lower one when it arrives.
                    .outOfOrder(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            // the cause chain stays, so a lost connection is still recognised and retried
            throw new StoreException("cannot migrate store " + where + ": " + StoreUrl.mask(rootMessage(e)), e);
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
