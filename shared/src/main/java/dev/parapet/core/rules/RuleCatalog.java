package dev.parapet.core.rules;

import dev.parapet.core.compliance.Standard;
import dev.parapet.core.compliance.Standards;
import dev.parapet.core.score.SecurityControls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assembles the rules of a run: the built-in catalog, then each user folder in order. A user rule with the id of an
 * earlier one replaces it (that is how a team tunes a built-in rule without a rebuild); two rules with one id in the
 * same source are a problem.
 */
public final class RuleCatalog {
    private RuleCatalog() {
    }

    public record Loaded(RuleSet rules, List<RuleProblem> problems, List<String> overridden) {
    }

    /** Built-in controls and standards validate every rule's control and compliance ids. */
    public static Loaded load(boolean builtIn, List<Path> userFolders) {
        return load(Standards.builtIn(), builtIn, userFolders);
    }

    /** As {@link #load(boolean, List)}, with these standards (built-in plus a user's own) validating compliance ids. */
    public static Loaded load(Standards standards, boolean builtIn, List<Path> userFolders) {
        Map<String, Set<String>> requirements = new LinkedHashMap<>();
        for (Standard s : standards.all()) {
            Set<String> ids = new HashSet<>();
            s.requirements().forEach(r -> ids.add(r.id()));
            requirements.put(s.id(), ids);
        }
        Set<String> controls = SecurityControls.builtIn().ids();
        return load(new RuleLoader(controls, requirements, true), new RuleLoader(controls, requirements, false),
                builtIn, userFolders);
    }

    public static Loaded load(Set<String> knownControls, boolean builtIn, List<Path> userFolders) {
        return load(new RuleLoader(knownControls, Map.of(), true), new RuleLoader(knownControls), builtIn, userFolders);
    }

    /** Built-in rules compile on first use (the build compiles and tests them); user rules compile now. */
    private static Loaded load(RuleLoader builtInLoader, RuleLoader userLoader, boolean builtIn, List<Path> userFolders) {
        Map<String, CompiledRule> byId = new LinkedHashMap<>();
        List<RuleProblem> problems = new ArrayList<>();
        List<String> overridden = new ArrayList<>();
        List<RuleLoader.Result> sources = new ArrayList<>();
        if (builtIn) {
            sources.add(builtInLoader.loadBuiltIn());
        }
        for (Path folder : userFolders) {
            sources.add(userLoader.loadDirectory(folder));
        }
        for (RuleLoader.Result source : sources) {
            problems.addAll(source.problems());
            Map<String, CompiledRule> seenHere = new LinkedHashMap<>();
            for (CompiledRule rule : source.rules()) {
                CompiledRule twin = seenHere.put(rule.id(), rule);
                if (twin != null) {
                    problems.add(new RuleProblem(rule.rule().source(), rule.id(), "duplicate rule id (also in " + twin.rule().source() + ")"));
                    continue;
                }
                CompiledRule previous = byId.put(rule.id(), rule);
                if (previous != null) {
                    overridden.add(rule.id() + ": " + previous.rule().source() + " replaced by " + rule.rule().source());
                }
            }
        }
        return new Loaded(new RuleSet(byId.values()), problems, overridden);
    }
}
