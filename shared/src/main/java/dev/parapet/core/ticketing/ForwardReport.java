package dev.parapet.core.ticketing;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one forwarding run did. Never holds credentials.
 *
 * @param outcomes   rows handled, by outcome
 * @param retried    rows left in the outbox after a transient failure, due again later
 * @param failed     rows refused for good (marked FAILED with the reason)
 * @param left       rows not attempted (budget spent, ServiceNow unreachable, forwarding paused)
 * @param paused     why forwarding is paused (401/403), else null
 * @param problems   each distinct problem once, in the order met
 */
public record ForwardReport(Map<Outcome, Integer> outcomes, int retried, int failed, int left, String paused,
                            List<String> problems, Duration elapsed) {

    public ForwardReport {
        outcomes = Map.copyOf(outcomes.isEmpty() ? new EnumMap<>(Outcome.class) : new EnumMap<>(outcomes));
        problems = List.copyOf(problems);
    }

    public int count(Outcome o) {
        return outcomes.getOrDefault(o, 0);
    }

    public int handled() {
        return outcomes.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** True when nothing went wrong: no retries, failures, rows left behind or pause. */
    public boolean clean() {
        return retried == 0 && failed == 0 && left == 0 && paused == null && problems.isEmpty();
    }

    /** One line for logs. */
    public String summary() {
        String done = outcomes.entrySet().stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "tickets: %s; %d retry later, %d failed, %d left in the outbox%s (%d ms)",
                done.isEmpty() ? "nothing sent" : done, retried, failed, left,
                paused == null ? "" : "; paused: " + paused, elapsed.toMillis());
    }
}
