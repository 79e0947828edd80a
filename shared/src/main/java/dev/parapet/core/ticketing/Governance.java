package dev.parapet.core.ticketing;

import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Governance rules as data: who owns a failing finding (user, assignment group) and when it is due, from its
 * cloud, account, region, resource tags, severity, rule or standard. Rules are read in file order; for each of
 * owner, assignment group and due, the first matching rule that sets it wins. The due date is the start of the
 * failure plus the rule's period, but never sooner than the grace period after the record is opened.
 */
public final class Governance {
    private final Duration grace;
    private final List<Rule> rules;

    public Governance(Duration grace, List<Rule> rules) {
        this.grace = grace;
        this.rules = List.copyOf(rules);
    }

    public static final Governance NONE = new Governance(Duration.ZERO, List.of());

    /** What governance assigns to a record. Any field may be null. */
    public record Assignment(String owner, String assignmentGroup, Instant due) {
    }

    /**
     * One rule: every condition given must hold (a list means any of its values; text values may use {@code *}).
     */
    public record Rule(Set<Provider> clouds, List<Pattern> accounts, List<Pattern> regions, Map<String, Pattern> tags,
                       Set<Severity> severities, List<Pattern> ruleIds, Set<String> standards, String owner,
                       String assignmentGroup, Duration due) {

        boolean matches(Finding f, Map<String, String> resourceTags) {
            var r = f.resource();
            return (clouds.isEmpty() || clouds.contains(r.provider()))
                    && any(accounts, r.account()) && any(regions, r.region()) && any(ruleIds, f.ruleId())
                    && (severities.isEmpty() || severities.contains(f.severity()))
                    && (standards.isEmpty() || f.compliance() != null && f.compliance().keySet().stream().anyMatch(standards::contains))
                    && tags.entrySet().stream().allMatch(t -> resourceTags.containsKey(t.getKey())
                    && t.getValue().matcher(resourceTags.get(t.getKey())).matches());
        }

        private static boolean any(List<Pattern> patterns, String value) {
            return patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matcher(value == null ? "" : value).matches());
        }
    }

    /**
     * @param failingSince when the current failure began (due dates count from it)
     * @param openedAt     when the record is opened (or reopened): the due date is at least {@code grace} later
     */
    public Assignment assign(Finding f, Map<String, String> tags, Instant failingSince, Instant openedAt) {
        String owner = null;
        String group = null;
        Duration due = null;
        for (Rule rule : rules) {
            if (!rule.matches(f, tags)) {
                continue;
            }
            owner = owner == null ? rule.owner() : owner;
            group = group == null ? rule.assignmentGroup() : group;
            due = due == null ? rule.due() : due;
        }
        Instant dueAt = null;
        if (due != null) {
            Instant fromFailure = (failingSince == null ? openedAt : failingSince).plus(due);
            Instant earliest = openedAt.plus(grace);
            dueAt = fromFailure.isBefore(earliest) ? earliest : fromFailure;
        }
        return new Assignment(owner, group, dueAt);
    }

    static Governance parse(ConfigNode node) {
        node.object("grace", "rules");
        List<Rule> rules = new ArrayList<>();
        for (ConfigNode r : node.get("rules").list()) {
            r.object("when", "owner", "assignmentGroup", "due");
            ConfigNode when = r.get("when").object("cloud", "account", "region", "tags", "severity", "rule", "standard");
            Set<Provider> clouds = new java.util.LinkedHashSet<>();
            for (String c : when.get("cloud").texts()) {
                try {
                    clouds.add(Provider.parse(c));
                } catch (IllegalArgumentException e) {
                    throw when.get("cloud").problem(e.getMessage());
                }
            }
            Set<Severity> severities = new java.util.LinkedHashSet<>();
            for (String severity : when.get("severity").texts()) {
                try {
                    severities.add(Severity.parse(severity));
                } catch (IllegalArgumentException e) {
                    throw when.get("severity").problem(e.getMessage());
                }
            }
            Map<String, Pattern> tags = new LinkedHashMap<>();
            when.get("tags").textMap().forEach((k, v) -> tags.put(k, glob(v)));
            Rule rule = new Rule(clouds, globs(when.get("account")), globs(when.get("region")), tags, severities,
                    globs(when.get("rule")), Set.copyOf(when.get("standard").texts()), r.get("owner").text(null),
                    r.get("assignmentGroup").text(null), r.get("due").duration(null));
            if (rule.owner() == null && rule.assignmentGroup() == null && rule.due() == null) {
                throw r.problem("sets nothing (give owner, assignmentGroup or due)");
            }
            rules.add(rule);
        }
        return new Governance(node.get("grace").duration(Duration.ZERO), rules);
    }

    private static List<Pattern> globs(ConfigNode node) {
        return node.texts().stream().map(Governance::glob).toList();
    }

    /** {@code *} matches any text; everything else literally, ignoring case (clouds differ in case). */
    static Pattern glob(String text) {
        String regex = java.util.Arrays.stream(text.split("\\*", -1))
                .map(part -> part.isEmpty() ? "" : Pattern.quote(part))
                .collect(java.util.stream.Collectors.joining(".*"));
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }
}
