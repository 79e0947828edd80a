package dev.parapet.cli;

import dev.parapet.core.rules.RuleCatalog;
import dev.parapet.core.rules.RuleSet;
import dev.parapet.core.store.OutboxEntry;
import dev.parapet.core.store.Store;
import dev.parapet.core.store.Stores;
import dev.parapet.core.store.TicketFinding;
import dev.parapet.core.store.TicketRecord;
import dev.parapet.core.store.TicketStore;
import dev.parapet.core.ticketing.ForwardReport;
import dev.parapet.core.ticketing.Plan;
import dev.parapet.core.ticketing.SecretSource;
import dev.parapet.core.ticketing.TicketConfig;
import dev.parapet.core.ticketing.TicketForwarder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code parapet tickets}: forward findings to ServiceNow through the store's outbox, and show or requeue it. */
@Command(name = "tickets", mixinStandardHelpOptions = true,
        description = "ServiceNow tickets for failing findings: forward what the store's outbox holds, show it, requeue it.",
        subcommands = {TicketsCommand.Forward.class, TicketsCommand.Status.class, TicketsCommand.Requeue.class})
final class TicketsCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Options every subcommand shares. */
    static final class Where {
        @Option(names = "--store", paramLabel = "URL", description = "Findings store (default: $PARAPET_STORE_URL).")
        String store;

        Store open() {
            String url = store != null && !store.isBlank() ? store : System.getenv(Stores.ENV);
            if (url == null || url.isBlank()) {
                throw new CommandLine.ParameterException(new CommandLine(new TicketsCommand()),
                        "no store: give --store URL or set " + Stores.ENV);
            }
            return Stores.open(url);
        }
    }

    static TicketConfig config(Path file) {
        if (file != null) {
            return TicketConfig.load(file);
        }
        String env = System.getenv(TicketForwarder.ENV);
        if (env == null || env.isBlank()) {
            return null;
        }
        return TicketConfig.fromSetting(env, TicketForwarder.ENV);
    }

    @Command(name = "forward", aliases = "sync", mixinStandardHelpOptions = true,
            description = {"Send what the outbox holds to ServiceNow, within the budget; what is left stays for the next run.",
                    "Credentials come from the environment variables the configuration names."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:everything due was forwarded", "2:the configuration is invalid",
                    "4:rows were left in the outbox (ServiceNow failed, refused or paused; see stderr)"})
    static final class Forward implements Callable<Integer> {
        @Mixin
        Where where = new Where();

        @Option(names = "--config", paramLabel = "FILE", description = "Ticketing YAML (default: $PARAPET_TICKETING_CONFIG).")
        Path config;

        @Option(names = "--budget", paramLabel = "DURATION", description = "Time to spend, ISO-8601 (PT2M); default: the configuration's.")
        Duration budget;

        @Option(names = "--dry-run", description = "Show what is due and what would be done; send nothing, change nothing.")
        boolean dryRun;

        @Option(names = "--rules", paramLabel = "DIR", description = "Extra rule folders, for remediation text (repeatable).")
        List<Path> rules = new ArrayList<>();

        @Option(names = "--no-builtin-rules", description = "Only the --rules folders (records then lack the built-in remediation text).")
        boolean noBuiltinRules;

        @Override
        public Integer call() {
            TicketConfig cfg;
            try {
                cfg = TicketsCommand.config(config);
            } catch (IllegalArgumentException e) {
                System.err.println("parapet: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            if (cfg == null) {
                System.err.println("parapet: no ticketing configuration: give --config FILE or set " + TicketForwarder.ENV);
                return ExitCodes.USAGE;
            }
            try (Store store = where.open()) {
                if (dryRun) {
                    return dryRun(store.tickets(), cfg, System.out);
                }
                RuleCatalog.Loaded loaded = RuleCatalog.load(!noBuiltinRules, rules);
                RuleSet ruleSet = loaded.rules();
                ForwardReport report = TicketForwarder.create(cfg, SecretSource.environment(), ruleSet, Clock.systemUTC())
                        .forward(store, budget != null ? budget : cfg.forwarding().budget());
                System.out.println(report.summary());
                report.problems().forEach(p -> System.err.println("parapet: " + p));
                return report.failed() == 0 && report.left() == 0 && report.retried() == 0 && report.paused() == null
                        ? ExitCodes.OK : ExitCodes.RUNTIME;
            }
        }

        static int dryRun(TicketStore tickets, TicketConfig cfg, PrintStream out) {
            List<OutboxEntry> due = tickets.pending(1000);
            out.printf(Locale.ROOT, "%d pending in the outbox (dry run: nothing sent)%n", due.size());
            for (OutboxEntry e : due) {
                TicketFinding tf = tickets.finding(e.findingKey()).orElse(null);
                TicketRecord t = tickets.ticket(e.findingKey()).orElse(null);
                String what = tf == null ? "skip: finding no longer stored" : Plan.describe(tf, t, cfg);
                String name = tf == null ? e.findingKey() : tf.stored().finding().ruleId() + " on "
                        + tf.stored().finding().resource().id();
                out.printf(Locale.ROOT, "%-9s %s%n          -> %s%n", e.event(), name, what);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Outbox and ticket figures, rows that failed and why, the latest tickets.")
    static final class Status implements Callable<Integer> {
        @Mixin
        Where where = new Where();

        @Option(names = "--config", paramLabel = "FILE", description = "Ticketing YAML, to show a pause of its target.")
        Path config;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Rows per list (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            TicketConfig cfg = TicketsCommand.config(config);
            try (Store store = where.open()) {
                TicketStore t = store.tickets();
                TicketStore.Counts c = t.counts(Instant.now());
                System.out.printf(Locale.ROOT, "outbox: %d pending (%d due now, %d claimed), %d failed%n",
                        c.pending(), c.due(), c.claimed(), c.failed());
                System.out.printf(Locale.ROOT, "tickets: %d recorded, %d open%n", c.tickets(), c.openTickets());
                if (cfg != null) {
                    t.pause(cfg.target().id()).ifPresent(p -> System.out.printf(Locale.ROOT,
                            "paused: %s (since %s, next try after %s)%n", p.reason(), p.since(), p.retryAt()));
                }
                List<OutboxEntry> failed = t.failed(limit);
                if (!failed.isEmpty()) {
                    System.out.println("failed (fix, then `parapet tickets requeue`):");
                    failed.forEach(e -> System.out.printf(Locale.ROOT, "  %s %-9s %s%n", e.findingKey(), e.event(), e.lastError()));
                }
                List<TicketRecord> recent = t.tickets(limit);
                if (!recent.isEmpty()) {
                    System.out.println("latest tickets:");
                    recent.forEach(r -> System.out.printf(Locale.ROOT, "  %-12s %-20s %s %s%n",
                            r.number() == null ? r.sysId() : r.number(), r.state(), r.findingKey(), r.updatedAt()));
                }
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "requeue", mixinStandardHelpOptions = true,
            description = "Put failed rows back in the outbox (after fixing the configuration) and lift any pause.")
    static final class Requeue implements Callable<Integer> {
        @Mixin
        Where where = new Where();

        @Option(names = "--all-failing", description = "Also queue every failing finding (after lowering a threshold).")
        boolean allFailing;

        @Override
        public Integer call() {
            try (Store store = where.open()) {
                int n = store.tickets().requeue(allFailing);
                System.out.printf(Locale.ROOT, "%d row(s) queued%n", n);
                return ExitCodes.OK;
            }
        }
    }
}
