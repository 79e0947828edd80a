package dev.parapet.core.rules;

import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The loaded rules, indexed by provider and resource type. Types match case-insensitively because Azure Resource
 * Graph lower-cases them. Immutable and thread-safe.
 */
public final class RuleSet {
    private final List<CompiledRule> rules;
    private final Map<String, List<CompiledRule>> byType = new HashMap<>();
    private final Map<String, List<CompiledRule>> byRelatedType = new HashMap<>();
    private final Map<String, CompiledRule> byId = new LinkedHashMap<>();

    public RuleSet(Collection<CompiledRule> rules) {
        List<CompiledRule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparing(CompiledRule::id));
        this.rules = List.copyOf(sorted);
        for (CompiledRule r : this.rules) {
            byId.put(r.id(), r);
            for (String type : r.rule().resourceTypes()) {
                byType.computeIfAbsent(key(r.rule().provider(), type), k -> new ArrayList<>()).add(r);
            }
            for (RelatedSpec spec : r.rule().related()) {
                byRelatedType.computeIfAbsent(key(r.rule().provider(), spec.type()), k -> new ArrayList<>()).add(r);
            }
        }
    }

    static String key(Provider provider, String type) {
        return provider.key() + "|" + type.toLowerCase(Locale.ROOT);
    }

    public List<CompiledRule> all() {
        return rules;
    }

    public int size() {
        return rules.size();
    }

    public Optional<CompiledRule> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Rules whose resourceTypes include this resource's type, in id order. */
    public List<CompiledRule> forResource(Resource resource) {
        return forType(resource.provider(), resource.type());
    }

    public List<CompiledRule> forType(Provider provider, String type) {
        return byType.getOrDefault(key(provider, type), List.of());
    }

    /** Rules that read resources of this type as related data: they must be re-run when such a resource changes. */
    public List<CompiledRule> readingRelated(Provider provider, String type) {
        return byRelatedType.getOrDefault(key(provider, type), List.of());
    }

    /** Compiles every rule now (lazy ones included) and returns those that do not compile. */
    public List<RuleProblem> compileAll() {
        return rules.parallelStream().map(r -> {
            try {
                r.programs();
                return null;
            } catch (RuleCompileException e) {
                return new RuleProblem(r.rule().source(), r.id(), e.getMessage());
            }
        }).filter(java.util.Objects::nonNull).toList();
    }

    /** Every resource type some rule judges or reads, per provider (what collectors must fetch). */
    public Set<String> typesFor(Provider provider) {
        Set<String> out = new TreeSet<>();
        for (CompiledRule r : rules) {
            if (r.rule().provider() == provider) {
                out.addAll(r.rule().resourceTypes());
                r.rule().related().forEach(s -> out.add(s.type()));
            }
        }
        return out;
    }
}
