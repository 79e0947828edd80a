package dev.parapet.core.ticketing;

import dev.parapet.core.rules.RuleSet;
import dev.parapet.core.store.OutboxEntry;
import dev.parapet.core.store.Store;
import dev.parapet.core.store.TicketStore;
import dev.parapet.core.ticketing.ServiceNowException.Kind;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Drains the store's ticket outbox into ServiceNow within a time budget. The one entry point for functions and the
 * CLI: build it once per container ({@link #fromEnvironment} or {@link #create}), call {@link #forward} after every
 * store write. It never throws: ServiceNow (or the store) failing leaves the rows in the outbox for the next run and
 * is reported in the {@link ForwardReport}; the assessment already committed is never affected.
 */
public final class TicketForwarder {
    /** YAML text, or the path of a YAML file; ticketing is off without it. */
    public static final String ENV = "PARAPET_TICKETING_CONFIG";
    /** Transient failures in a row after which a run stops: ServiceNow looks down, the rest waits for the next run. */
    static final int GIVE_UP_AFTER = 3;
    private static final Duration MAX_AUTH_PAUSE = Duration.ofDays(1);
    /** Longest wait within a run for a postponed row to come due; later ones wait for the next run. */
    static final Duration WAIT_AT_MOST = Duration.ofSeconds(5);

    private final TicketConfig config;
    private final SecretSource secrets;
    private final RuleSet rules;
    private final Clock clock;
    private final HttpClient httpClient;
    private final Masker masker = new Masker();
    private ServiceNowClient client;

    TicketForwarder(TicketConfig config, SecretSource secrets, RuleSet rules, Clock clock, HttpClient httpClient) {
        this.config = config;
        this.secrets = secrets;
        this.rules = rules;
        this.clock = clock;
        this.httpClient = httpClient;
    }

    /**
     * @param secrets where the configured secret names are looked up (environment, or the function's secret store)
     * @param rules   the rules in use, for descriptions and remediation text (null leaves them out)
     */
    public static TicketForwarder create(TicketConfig config, SecretSource secrets, RuleSet rules, Clock clock) {
        return new TicketForwarder(config, secrets, rules, clock, Http.defaultClient(config.target().timeout()));
    }

    /** The forwarder configured by {@value #ENV} (YAML text or a file path), or empty when ticketing is off. */
    public static Optional<TicketForwarder> fromEnvironment(Map<String, String> env, SecretSource secrets, RuleSet rules,
                                                            Clock clock) {
        String value = env.get(ENV);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        TicketConfig config = TicketConfig.fromSetting(value, ENV);
        return Optional.of(create(config, secrets, rules, clock));
    }

    public TicketConfig config() {
        return config;
    }

    /** Forwards within the configured budget. */
    public ForwardReport forward(Store store) {
        return forward(store, config.forwarding().budget());
    }

    /** Forwards for at most {@code budget} (a function passes what its invocation can spare). Never throws. */
    public ForwardReport forward(Store store, Duration budget) {
        Instant started = clock.instant();
        Run run = new Run();
        try {
            run.drain(store.tickets(), Deadline.after(budget, clock));
        } catch (RuntimeException e) {
            run.problem("ticket forwarding stopped: " + masker.mask(String.valueOf(e.getMessage())));
        }
        return new ForwardReport(run.outcomes, run.retried, run.failed, run.left, run.paused,
                new ArrayList<>(run.problems), Duration.between(started, clock.instant()));
    }

    private synchronized ServiceNowClient client() {
        if (client == null) {
            Http http = new Http(httpClient, config.target().timeout(),
                    new Backoff(config.forwarding().backoff(), config.forwarding().maxBackoff()), masker);
            Authenticator auth = Authenticator.of(config.target(), secrets, http, masker, clock);
            client = new ServiceNowClient(config.target().instance(), config.target().table(), http, auth);
        }
        return client;
    }

    /** The state of one forwarding run. */
    private final class Run {
        final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        final Set<String> problems = new LinkedHashSet<>();
        final String claimId = UUID.randomUUID().toString();
        int retried;
        int failed;
        int left;
        String paused;
        boolean stop;
        int transientInARow;

        void problem(String text) {
            if (problems.size() < 20) {
                problems.add(text);
            }
        }

        void drain(TicketStore tickets, Deadline deadline) {
            String target = config.target().id();
            Optional<TicketStore.Pause> pause = tickets.pause(target);
            if (pause.isPresent() && clock.instant().isBefore(pause.get().retryAt())) {
                paused = pause.get().reason() + " (since " + pause.get().since() + "; next try after "
                        + pause.get().retryAt() + ", or run `parapet tickets requeue` after fixing the configuration)";
                left = tickets.counts(clock.instant()).due();
                return;
            }
            Reconciler reconciler = null;
            boolean probing = pause.isPresent();
            while (!stop && !deadline.passed()) {
                Instant now = clock.instant();
                List<OutboxEntry> batch = tickets.claim(claimId, probing ? 1 : config.forwarding().batch(), now,
                        now.plus(deadline.remaining()).plus(config.forwarding().lease()));
                if (batch.isEmpty()) {
                    if (waitForBackOff(tickets, deadline)) {
                        continue;
                    }
                    break;
                }
                for (Iterator<OutboxEntry> it = batch.iterator(); it.hasNext(); ) {
                    OutboxEntry entry = it.next();
                    if (stop || deadline.passed()) {
                        tickets.release(claimId, entry);
                        left++;
                        continue;
                    }
                    if (reconciler == null) {
                        try {
                            reconciler = new Reconciler(tickets, client(), config, new RecordContent(config.mapping(), rules), clock);
                        } catch (ServiceNowException e) {
                            authFailed(tickets, entry, e, pause);
                            continue;
                        }
                    }
                    handle(tickets, reconciler, entry, deadline, pause);
                }
                if (probing && paused == null) {
                    tickets.clearPause(target);
                    probing = false;
                }
            }
        }

        /** A row postponed a moment ago comes due within the budget: wait for it rather than leave it behind. */
        boolean waitForBackOff(TicketStore tickets, Deadline deadline) {
            Instant now = clock.instant();
            Optional<Instant> next = tickets.nextAttempt(now);
            if (next.isEmpty() || !next.get().isAfter(now)) {
                return false;
            }
            Duration wait = Duration.between(now, next.get());
            if (wait.compareTo(WAIT_AT_MOST) > 0 || wait.compareTo(deadline.remaining()) >= 0) {
                return false;
            }
            try {
                Thread.sleep(wait.toMillis() + 1);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        void handle(TicketStore tickets, Reconciler reconciler, OutboxEntry entry, Deadline deadline,
                    Optional<TicketStore.Pause> pause) {
            try {
                Outcome outcome = reconciler.reconcile(entry, deadline);
                tickets.complete(claimId, entry);
                outcomes.merge(outcome, 1, Integer::sum);
                transientInARow = 0;
            } catch (ServiceNowException e) {
                switch (e.kind()) {
                    case AUTH -> authFailed(tickets, entry, e, pause);
                    case TRANSIENT, NOT_FOUND -> {
                        int attempt = entry.attempts() + 1;
                        Duration wait = e.retryAfter() != null ? e.retryAfter()
                                : new Backoff(config.forwarding().backoff(), config.forwarding().maxBackoff()).delay(attempt);
                        tickets.retryLater(claimId, entry, clock.instant().plus(wait), masker.mask(e.getMessage()));
                        retried++;
                        problem(masker.mask(e.getMessage()));
                        if (++transientInARow >= GIVE_UP_AFTER) {
                            stop = true;
                            problem("ServiceNow failed " + GIVE_UP_AFTER + " rows in a row; the rest stays in the "
                                    + "outbox for the next run");
                        }
                    }
                    case REFUSED -> refused(tickets, entry, masker.mask(e.getMessage()));
                }
            } catch (RuntimeException e) {
                // not ServiceNow's doing (a finding the forwarder cannot read): try again later, never in a tight loop
                String reason = "cannot forward: " + masker.mask(String.valueOf(e.getMessage()));
                tickets.retryLater(claimId, entry, clock.instant().plus(config.forwarding().maxBackoff()), reason);
                retried++;
                problem("finding " + entry.findingKey() + ": " + reason);
            }
        }

        void refused(TicketStore tickets, OutboxEntry entry, String reason) {
            tickets.fail(claimId, entry, reason);
            failed++;
            problem("finding " + entry.findingKey() + " refused: " + reason);
            transientInARow = 0;
        }

        /** 401/403: one row is marked failed, forwarding stops and pauses for everyone until retryAt or a requeue. */
        void authFailed(TicketStore tickets, OutboxEntry entry, ServiceNowException e, Optional<TicketStore.Pause> before) {
            String reason = masker.mask(e.getMessage());
            tickets.fail(claimId, entry, reason);
            failed++;
            int failures = before.map(p -> p.failures() + 1).orElse(1);
            Duration wait = config.forwarding().authPause().multipliedBy(1L << Math.min(failures - 1, 10));
            wait = wait.compareTo(MAX_AUTH_PAUSE) > 0 ? MAX_AUTH_PAUSE : wait;
            Instant now = clock.instant();
            tickets.pause(new TicketStore.Pause(config.target().id(), reason, before.map(TicketStore.Pause::since).orElse(now),
                    now.plus(wait), failures));
            paused = reason;
            problem("ServiceNow refused the credentials: " + reason + "; forwarding paused until " + now.plus(wait)
                    + " (fix the configuration, then `parapet tickets requeue`)");
            stop = true;
        }
    }
}
