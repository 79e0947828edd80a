package dev.parapet.cli.estate;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What every cloud generator shares: the random stream, the moment the estate is observed at, and the record of
 * which documents were given misconfigurations (so callers know how many failures to expect).
 */
final class GenContext {
    /** Share of resources given one or more misconfigurations; the brief's target is 20-35 %. */
    static final double FLAW_RATE = 0.27;

    static final List<String> TEAMS = List.of("payments", "checkout", "search", "data", "platform", "identity",
            "web", "mobile", "ml", "billing");

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    final Rand rand;
    final Instant anchor;
    private final Set<ObjectNode> flawed = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<String> names = new HashSet<>();

    GenContext(Rand rand, Instant anchor) {
        this.rand = rand;
        this.anchor = anchor.truncatedTo(ChronoUnit.SECONDS);
    }

    /** With probability {@link #FLAW_RATE}, one (sometimes two) of the candidate misconfigurations. */
    Flaws flaws(String... candidates) {
        return flaws(FLAW_RATE, candidates);
    }

    Flaws flaws(double rate, String... candidates) {
        if (candidates.length == 0 || !rand.chance(rate)) {
            return Flaws.NONE;
        }
        Set<String> chosen = new LinkedHashSet<>();
        chosen.add(rand.pick(candidates));
        if (candidates.length > 1 && rand.chance(0.25)) {
            chosen.add(rand.pick(candidates));
        }
        return new Flaws(chosen);
    }

    /** Records the document as misconfigured when it has flaws; returns it for chaining. */
    ObjectNode done(ObjectNode document, Flaws flaws) {
        if (flaws.any()) {
            flawed.add(document);
        }
        return document;
    }

    int countFlawed(List<ObjectNode> documents) {
        int n = 0;
        for (ObjectNode d : documents) {
            if (flawed.contains(d)) {
                n++;
            }
        }
        return n;
    }

    /** The candidate name, or with "-2", "-3"... appended when a resource of this cloud already has it. */
    String unique(String candidate) {
        return unique(candidate, "-");
    }

    String unique(String candidate, String separator) {
        String name = candidate;
        for (int i = 2; !names.add(name); i++) {
            name = candidate + separator + i;
        }
        return name;
    }

    /** A moment minDays..maxDays before the anchor. */
    Instant past(int minDays, int maxDays) {
        return rand.daysBefore(anchor, minDays, maxDays);
    }

    /** When the cloud last captured a resource: within the three days before the anchor. */
    Instant captured() {
        return anchor.minusSeconds(rand.between(60, 3 * 86_400)).minusMillis(rand.between(0, 999));
    }

    static String iso(Instant t) {
        return MILLIS.format(t);
    }

    /** ISO-8601 to the second, as Azure and several Google APIs print it. */
    static String isoSeconds(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    String team() {
        return rand.pick(TEAMS);
    }

    /** Picks one of the list and removes nothing: a weighted choice where {@code weights[i]} weighs {@code options[i]}. */
    <T> T weighted(List<T> options, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int roll = rand.between(1, total);
        for (int i = 0; i < options.size(); i++) {
            roll -= weights[i];
            if (roll <= 0) {
                return options.get(i);
            }
        }
        return options.get(options.size() - 1);
    }
}
