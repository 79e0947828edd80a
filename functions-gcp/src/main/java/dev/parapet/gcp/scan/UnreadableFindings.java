package dev.parapet.gcp.scan;

import dev.parapet.core.engine.Assessment;
import dev.parapet.core.engine.RelatedResources;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;
import dev.parapet.core.model.Status;
import dev.parapet.core.rules.CompiledRule;
import dev.parapet.core.rules.RelatedSpec;
import dev.parapet.core.rules.Rule;
import dev.parapet.core.rules.RuleSet;
import dev.parapet.gcp.collect.ContentType;
import dev.parapet.gcp.collect.Unreadable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Turns what a scan could not list into ERROR, never PASS: a finding whose rule reads a related type that could not be
 * listed becomes ERROR; and where a store is at hand, the resources of an unlisted type that it last saw in the
 * project get an ERROR finding from each of their rules (their last observation time, so the next good read
 * replaces it).
 */
public final class UnreadableFindings implements UnaryOperator<Assessment> {
    private final RuleSet rules;
    private final Map<String, Unreadable> unreadableTypes = new LinkedHashMap<>();
    private final RelatedResources stored;
    private final String project;

    /** @param stored the store's inventory, or null without a store */
    public UnreadableFindings(RuleSet rules, List<Unreadable> unreadable, RelatedResources stored, String project) {
        this.rules = rules;
        unreadable.stream().filter(u -> u.contentType() == ContentType.RESOURCE)
                .forEach(u -> unreadableTypes.putIfAbsent(u.assetType(), u));
        this.stored = stored;
        this.project = project;
    }

    @Override
    public Assessment apply(Assessment assessment) {
        if (unreadableTypes.isEmpty()) {
            return assessment;
        }
        List<Finding> findings = new ArrayList<>(assessment.findings().size());
        for (Finding f : assessment.findings()) {
            Unreadable missing = rules.byId(f.ruleId()).map(r -> missingRelated(r.rule())).orElse(null);
            findings.add(missing == null ? f : error(f, "related " + missing.assetType() + " could not be listed: "
                    + missing.code() + " " + missing.message()));
        }
        if (stored != null) {
            for (Unreadable u : unreadableTypes.values()) {
                for (Resource r : stored.find(Provider.GCP, project, null, u.assetType())) {
                    for (CompiledRule rule : rules.forResource(r)) {
                        Rule def = rule.rule();
                        findings.add(new Finding(def.id(), def.title(), def.severity(), Status.ERROR, r.ref(),
                                def.control(), def.compliance(), reason(u), r.observedAt()));
                    }
                }
            }
        }
        return new Assessment(findings, assessment.resources(), assessment.deleted(), assessment.evaluations());
    }

    private Unreadable missingRelated(Rule rule) {
        for (RelatedSpec spec : rule.related()) {
            Unreadable u = unreadableTypes.get(spec.type());
            if (u != null) {
                return u;
            }
        }
        return null;
    }

    private static Map<String, Object> reason(Unreadable u) {
        return Map.of("error", u.assetType() + " could not be listed in " + u.scope() + ": " + u.code() + " " + u.message());
    }

    private static Finding error(Finding f, String message) {
        return new Finding(f.ruleId(), f.title(), f.severity(), Status.ERROR, f.resource(), f.control(), f.compliance(),
                Map.of("error", message), f.observedAt());
    }
}
