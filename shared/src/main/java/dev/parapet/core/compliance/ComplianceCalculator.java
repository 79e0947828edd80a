package dev.parapet.core.compliance;

import dev.parapet.core.model.Finding;
import dev.parapet.core.model.ResourceRef;
import dev.parapet.core.rules.CompiledRule;
import dev.parapet.core.rules.RuleSet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Requirement by requirement: FAILED when any finding of a mapped rule fails, PASSED when mapped rules produced
 * findings and all pass, otherwise NOT_ASSESSED with the reason (for a requirement no rule cites: the standard's
 * notAssessable reason, "no rule" or "manual"). An unassessed requirement is never a pass.
 */
public final class ComplianceCalculator {
    /** Prefix of the reason given for a requirement the standard marks not assessable (and no rule cites). */
    public static final String NOT_ASSESSABLE = "not assessable: ";

    private ComplianceCalculator() {
    }

    public static List<StandardResult> compute(Standards standards, RuleSet rules, Collection<Finding> findings) {
        Map<String, List<Finding>> byRule = new HashMap<>();
        for (Finding f : findings) {
            byRule.computeIfAbsent(f.ruleId(), r -> new ArrayList<>()).add(f);
        }
        List<StandardResult> out = new ArrayList<>();
        for (Standard standard : standards.all()) {
            Map<String, Set<String>> rulesByRequirement = new HashMap<>();
            for (CompiledRule r : rules.all()) {
                for (String req : r.rule().compliance().getOrDefault(standard.id(), List.of())) {
                    rulesByRequirement.computeIfAbsent(req, k -> new TreeSet<>()).add(r.id());
                }
            }
            List<RequirementResult> results = new ArrayList<>();
            int passed = 0, failed = 0, notAssessed = 0;
            for (Requirement req : standard.requirements()) {
                RequirementResult result = judge(req, rulesByRequirement.getOrDefault(req.id(), Set.of()), byRule);
                results.add(result);
                switch (result.status()) {
                    case RequirementResult.PASSED -> passed++;
                    case RequirementResult.FAILED -> failed++;
                    default -> notAssessed++;
                }
            }
            out.add(new StandardResult(standard.id(), standard.title(), standard.version(), passed, failed, notAssessed,
                    List.copyOf(results)));
        }
        return out;
    }

    private static RequirementResult judge(Requirement req, Set<String> ruleIds, Map<String, List<Finding>> byRule) {
        List<String> rules = List.copyOf(ruleIds);
        if (rules.isEmpty()) {
            String reason = req.isNotAssessable() ? NOT_ASSESSABLE + req.notAssessable()
                    : req.automated() ? "no rule" : "manual";
            return new RequirementResult(req.id(), req.section(), RequirementResult.NOT_ASSESSED, reason, rules,
                    0, 0, 0, List.of());
        }
        int pass = 0, fail = 0, error = 0;
        Set<ResourceRef> failing = new LinkedHashSet<>();
        for (String ruleId : rules) {
            for (Finding f : byRule.getOrDefault(ruleId, List.of())) {
                switch (f.status()) {
                    case PASS -> pass++;
                    case FAIL -> {
                        fail++;
                        failing.add(f.resource());
                    }
                    case ERROR -> error++;
                }
            }
        }
        String status;
        String reason = "";
        if (fail > 0) {
            status = RequirementResult.FAILED;
        } else if (error > 0) {
            status = RequirementResult.NOT_ASSESSED;
            reason = "rules could not decide";
        } else if (pass > 0) {
            status = RequirementResult.PASSED;
        } else {
            status = RequirementResult.NOT_ASSESSED;
            reason = "no resources in scope";
        }
        return new RequirementResult(req.id(), req.section(), status, reason, rules, pass, fail, error, List.copyOf(failing));
    }
}
