package dev.parapet.cli;

import dev.parapet.core.store.JdbcStore;
import dev.parapet.core.store.Retention;
import dev.parapet.core.store.SchemaCheck;
import dev.parapet.core.store.StoreUrl;
import dev.parapet.core.store.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code parapet store}: schema and retention of a findings store (docs/STORE.md). */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = "Look after a findings store: migrate its schema, apply retention, show its state.",
        subcommands = {StoreCommand.Migrate.class, StoreCommand.Prune.class, StoreCommand.Info.class})
final class StoreCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A store subcommand: --store, with $PARAPET_STORE_URL as the default. */
    abstract static class Sub implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--store", paramLabel = "URL", description = "Findings store (default: $PARAPET_STORE_URL).")
        String store;

        @Override
        public Integer call() {
            String url = store != null && !store.isBlank() ? store : System.getenv(Stores.ENV);
            if (url == null || url.isBlank()) {
                throw new ParameterException(spec.commandLine(), "no store: pass --store URL or set " + Stores.ENV);
            }
            PrintWriter out = spec.commandLine().getOut();
            int code = run(url, out);
            out.flush();
            return code;
        }

        abstract int run(String url, PrintWriter out);
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = {"Apply pending schema migrations and validate the applied ones (Flyway), whatever the URL's "
                    + "migrate parameter says.", "Run it on deploy, as a user allowed to change the schema, when "
                    + "functions open the store with migrate=never."})
    static final class Migrate extends Sub {
        @Override
        int run(String url, PrintWriter out) {
            long start = System.nanoTime();
            SchemaCheck check = Stores.migrate(url);
            out.printf(Locale.ROOT, "%s: schema versions %s; applied now: %s (%d ms)%n", StoreUrl.mask(url),
                    String.join(", ", check.bundled()), check.pending().isEmpty() ? "none" : String.join(", ", check.pending()),
                    (System.nanoTime() - start) / 1_000_000);
            return ExitCodes.OK;
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = {"Delete history older than the retention: score history, findings gone before the cutoff, "
                    + "old status changes (each finding keeps its latest), tombstones, old scans. Active findings stay."})
    static final class Prune extends Sub {
        @Option(names = "--days", paramLabel = "N", description = "Days to keep, or off (default: $"
                + Retention.ENV + ", else " + Retention.DEFAULT_DAYS + ").")
        String days;

        @Override
        int run(String url, PrintWriter out) {
            Retention retention;
            try {
                retention = days != null ? Retention.parse(days, "--days") : Retention.fromEnv(System.getenv());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            Instant now = Instant.now();
            try (JdbcStore store = Stores.open(url)) {
                int deleted = retention.apply(store, now);
                out.printf(Locale.ROOT, "%s: retention %s%s: %d rows deleted%n", StoreUrl.mask(url), retention,
                        retention.forever() ? "" : " (before " + retention.cutoff(now) + ")", deleted);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Open the store as a function would and show its schema state and how long opening took.")
    static final class Info extends Sub {
        @Override
        int run(String url, PrintWriter out) {
            long start = System.nanoTime();
            try (JdbcStore store = Stores.open(url)) {
                long opened = System.nanoTime() - start;
                SchemaCheck check = store.schema();
                out.printf(Locale.ROOT, "store:   %s%n", StoreUrl.mask(url));
                out.printf(Locale.ROOT, "schema:  versions %s; %s%n", String.join(", ", check.bundled()),
                        check.pending().isEmpty() ? "all applied" : "applied now: " + String.join(", ", check.pending()));
                out.printf(Locale.ROOT, "open:    %.1f ms (migrate=%s, Flyway %s)%n", opened / 1e6,
                        check.mode().name().toLowerCase(Locale.ROOT), check.flywayRan() ? "ran" : "skipped");
            }
            return ExitCodes.OK;
        }
    }
}
