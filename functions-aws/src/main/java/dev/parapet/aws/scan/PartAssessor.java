package dev.parapet.aws.scan;

import dev.parapet.aws.collect.Collected;
import dev.parapet.core.engine.Assessment;
import dev.parapet.core.engine.Engine;
import dev.parapet.core.engine.Inventory;
import dev.parapet.core.engine.RelatedResources;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;
import dev.parapet.core.model.Status;
import dev.parapet.core.rules.CompiledRule;
import dev.parapet.core.rules.RelatedSpec;
import dev.parapet.core.rules.Rule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assesses one part's collection. Related data comes from the part's own batch (its type group holds every type
 * its rules read), and no stand-in account item is added: only the part that collects the account judges it.
 *
 * <p>Where a type could not be listed (access denied, no source), the resources of that type the store knows in
 * that place are carried into the part with an ERROR finding for each of their rules, so that a denied listing
 * reads as "cannot decide", never as "gone" (which finishing the scan would resolve) nor as a pass. A finding whose
 * rule reads an unlisted type as related data cannot be decided either: it becomes ERROR.
 */
public final class PartAssessor {
    private final Engine engine;

    public PartAssessor(Engine engine) {
        this.engine = engine;
    }

    public Assessment assess(Collected collected, RelatedResources stored, Instant now) {
        List<Resource> batch = new ArrayList<>(collected.resources());
        return withUnreadable(engine.assess(batch, new Inventory(batch)), collected, stored, now);
    }

    /**
     * The engine's assessment of {@code collected} with what could not be listed turned into ERROR (also used by
     * {@code parapet scan aws}, which assesses a whole account at once).
     *
     * @param stored the store's inventory, {@link RelatedResources#NONE} without a store
     */
    public Assessment withUnreadable(Assessment evaluated, Collected collected, RelatedResources stored, Instant now) {
        if (collected.unreadable().isEmpty()) {
            return evaluated;
        }
        List<Finding> findings = new ArrayList<>(evaluated.findings().size());
        for (Finding f : evaluated.findings()) {
            String missing = engine.rules().byId(f.ruleId()).map(r -> missingRelated(r.rule(), f, collected)).orElse(null);
            findings.add(missing == null ? f : new Finding(f.ruleId(), f.title(), f.severity(), Status.ERROR,
                    f.resource(), f.control(), f.compliance(), Map.of("error", missing), f.observedAt()));
        }
        List<Resource> resources = new ArrayList<>(evaluated.resources());
        Set<String> seen = new HashSet<>();
        evaluated.resources().forEach(r -> seen.add(r.id()));
        for (Map.Entry<String, Set<String>> e : collected.unreadable().entrySet()) {
            String type = e.getKey();
            for (String region : e.getValue()) {
                String where = "*".equals(region) || "global".equals(region) ? null : region;
                for (Resource r : stored.find(Provider.AWS, collected.account(), where, type)) {
                    if (!seen.add(r.id())) {
                        continue;
                    }
                    // Re-observed now: the store keeps it live and takes the ERROR findings as the latest state.
                    Resource carried = new Resource(r.provider(), r.id(), r.type(), r.account(), r.region(), r.name(),
                            r.tags(), now, false, r.document());
                    resources.add(carried);
                    String reason = "not collected in this scan: " + collected.unreadableReason(type, region);
                    for (CompiledRule rule : engine.rules().forResource(carried)) {
                        var def = rule.rule();
                        findings.add(new Finding(def.id(), def.title(), def.severity(), Status.ERROR, carried.ref(),
                                def.control(), def.compliance(), Map.of("error", reason), now));
                    }
                }
            }
        }
        findings.sort(Engine.ORDER);
        return new Assessment(findings, resources, evaluated.deleted(), evaluated.evaluations());
    }

    /** Why the finding's related data is incomplete, or null when every related type it reads was listed. */
    private static String missingRelated(Rule rule, Finding f, Collected collected) {
        for (RelatedSpec spec : rule.related()) {
            Set<String> regions = collected.unreadable().get(spec.type());
            if (regions == null) {
                continue;
            }
            for (String region : regions) {
                boolean applies = spec.scope() == RelatedSpec.Scope.ACCOUNT || "*".equals(region)
                        || "global".equals(region) || region.equals(f.resource().region());
                if (applies) {
                    return "related " + spec.type() + " could not be listed: " + collected.unreadableReason(spec.type(), region);
                }
            }
        }
        return null;
    }
}
