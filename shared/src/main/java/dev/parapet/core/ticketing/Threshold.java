package dev.parapet.core.ticketing;

import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Severity;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which failing findings get a record: a rule's own setting first (a severity, or {@code never}); else the lowest
 * threshold among the standards the finding maps to; else the default severity.
 */
public final class Threshold {
    private final Severity severity;
    private final Map<String, Optional<Severity>> rules;
    private final Map<String, Severity> standards;

    /** @param rules rule id to its threshold; an empty Optional means never */
    public Threshold(Severity severity, Map<String, Optional<Severity>> rules, Map<String, Severity> standards) {
        this.severity = severity;
        this.rules = Map.copyOf(rules);
        this.standards = Map.copyOf(standards);
    }

    public static Threshold of(Severity severity) {
        return new Threshold(severity, Map.of(), Map.of());
    }

    public boolean wants(Finding f) {
        Optional<Severity> byRule = rules.get(f.ruleId());
        if (byRule != null) {
            return byRule.isPresent() && f.severity().atLeast(byRule.get());
        }
        Severity min = null;
        for (String standard : f.compliance() == null ? java.util.Set.<String>of() : f.compliance().keySet()) {
            Severity s = standards.get(standard);
            if (s != null && (min == null || s.compareTo(min) < 0)) {
                min = s;
            }
        }
        return f.severity().atLeast(min != null ? min : severity);
    }

    static Threshold parse(ConfigNode node) {
        node.object("severity", "rules", "standards");
        Severity severity = severity(node.get("severity"), Severity.HIGH);
        Map<String, Optional<Severity>> rules = new LinkedHashMap<>();
        node.get("rules").textMap().forEach((rule, value) -> rules.put(rule,
                value.toLowerCase(Locale.ROOT).equals("never") ? Optional.empty()
                        : Optional.of(severity(node.get("rules").get(rule), null))));
        Map<String, Severity> standards = new LinkedHashMap<>();
        node.get("standards").textMap().forEach((standard, value) ->
                standards.put(standard, severity(node.get("standards").get(standard), null)));
        return new Threshold(severity, rules, standards);
    }

    static Severity severity(ConfigNode node, Severity fallback) {
        String text = node.text(null);
        if (text == null) {
            if (fallback == null) {
                throw node.problem("is required");
            }
            return fallback;
        }
        try {
            return Severity.parse(text);
        } catch (IllegalArgumentException e) {
            throw node.problem(e.getMessage());
        }
    }
}
