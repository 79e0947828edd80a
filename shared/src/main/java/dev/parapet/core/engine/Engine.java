package dev.parapet.core.engine;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.parapet.core.json.CelValues;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;
import dev.parapet.core.model.Status;
import dev.parapet.core.rules.CelEnvironment;
import dev.parapet.core.rules.CompiledRule;
import dev.parapet.core.rules.RelatedSpec;
import dev.parapet.core.rules.RuleCompileException;
import dev.parapet.core.rules.RulePrograms;
import dev.parapet.core.rules.RuleSet;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs every applicable rule on every resource. A rule that cannot decide (a field it reads is missing or of the
 * wrong type) yields ERROR with the CEL error as evidence, never a silent PASS. Thread-safe; state lives per call.
 */
public final class Engine {
    /** Order of findings: by provider, account, resource id, then rule id. */
    public static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.resource().provider())
            .thenComparing(f -> f.resource().account())
            .thenComparing(f -> f.resource().id())
            .thenComparing(Finding::ruleId);

    private final RuleSet rules;
    private final Clock clock;

    public Engine(RuleSet rules) {
        this(rules, Clock.systemUTC());
    }

    /** @param clock gives {@code now} to rules that judge ages (key rotation, unused credentials) */
    public Engine(RuleSet rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    public RuleSet rules() {
        return rules;
    }

    /**
     * Assesses a complete batch (a scan, or files from the CLI): related resources are looked up in the batch
     * itself, and a stand-in account document is added for each account whose account-level rules have none.
     */
    public Assessment assess(Collection<Resource> batch) {
        List<Resource> live = new ArrayList<>();
        List<Resource> deleted = new ArrayList<>();
        for (Resource r : latestPerId(batch)) {
            (r.deleted() ? deleted : live).add(r);
        }
        live.addAll(missingAccounts(live));
        Inventory inventory = new Inventory(live);
        return evaluate(live, inventory, deleted);
    }

    /**
     * Assesses some resources with related data from elsewhere (the store's inventory when one resource changed).
     * Deleted resources produce no findings and are returned as deleted.
     */
    public Assessment assess(Collection<Resource> targets, RelatedResources related) {
        List<Resource> live = new ArrayList<>();
        List<Resource> deleted = new ArrayList<>();
        for (Resource r : latestPerId(targets)) {
            (r.deleted() ? deleted : live).add(r);
        }
        return evaluate(live, related, deleted);
    }

    /** Accounts that account-level rules would judge but for which the batch holds no account document. */
    private List<Resource> missingAccounts(List<Resource> live) {
        Set<String> present = new LinkedHashSet<>();
        Map<String, Resource> anyOfAccount = new LinkedHashMap<>();
        for (Resource r : live) {
            String key = r.provider().key() + "|" + r.account();
            if (AccountResources.isAccountType(r.provider(), r.type())) {
                present.add(key);
            } else if (!r.account().isEmpty()) {
                // the newest observation stands for the account, whatever the input order
                anyOfAccount.merge(key, r, (a, b) -> newer(a, b));
            }
        }
        List<Resource> standIns = new ArrayList<>();
        for (Map.Entry<String, Resource> e : anyOfAccount.entrySet()) {
            Resource sample = e.getValue();
            Provider p = sample.provider();
            if (!present.contains(e.getKey()) && !rules.forType(p, AccountResources.typeFor(p)).isEmpty()) {
                standIns.add(AccountResources.standIn(p, sample.account(), sample.observedAt()));
            }
        }
        return standIns;
    }

    /** When a batch holds the same resource twice, the most recently observed document wins. */
    private static Collection<Resource> latestPerId(Collection<Resource> batch) {
        Map<String, Resource> latest = new LinkedHashMap<>();
        for (Resource r : batch) {
            latest.merge(r.provider().key() + "|" + r.id(), r, Engine::newer);
        }
        return latest.values();
    }

    /** The later observation; on a tie, a content-based choice so that input order never matters. */
    private static Resource newer(Resource a, Resource b) {
        int byTime = a.observedAt().compareTo(b.observedAt());
        if (byTime != 0) {
            return byTime > 0 ? a : b;
        }
        return a.document().toString().compareTo(b.document().toString()) >= 0 ? a : b;
    }

    private Assessment evaluate(List<Resource> live, RelatedResources related, List<Resource> deleted) {
        Run run = new Run(related, clock.instant());
        List<Finding> findings = new ArrayList<>();
        for (Resource resource : live) {
            for (CompiledRule rule : rules.forResource(resource)) {
                Finding f = run.evaluate(rule, resource);
                if (f != null) {
                    findings.add(f);
                }
            }
        }
        findings.sort(ORDER);
        return new Assessment(findings, live, deleted, run.evaluations);
    }

    /** Per-call caches: each document is converted to CEL values once, each related list once per account. */
    private static final class Run {
        private final RelatedResources related;
        private final Instant now;
        private final Map<Resource, Object> documents = new IdentityHashMap<>();
        private final Map<String, List<Object>> relatedLists = new HashMap<>();
        private final Map<String, Instant> relatedNewest = new HashMap<>();
        long evaluations;

        Run(RelatedResources related, Instant now) {
            this.related = related;
            this.now = now;
        }

        Object document(Resource r) {
            return documents.computeIfAbsent(r, x -> CelValues.fromJson(x.document()));
        }

        private static String relatedKey(RelatedSpec spec, Resource subject) {
            return switch (spec.scope()) {
                case ACCOUNT -> spec.type() + "|" + subject.provider() + "|" + subject.account();
                case REGION -> spec.type() + "|" + subject.provider() + "|" + subject.account() + "|" + subject.region();
                case CHILDREN -> spec.type() + "|" + subject.provider() + "|" + subject.id();
            };
        }

        List<Object> relatedList(RelatedSpec spec, Resource subject) {
            String key = relatedKey(spec, subject);
            return relatedLists.computeIfAbsent(key, k -> {
                List<Resource> found = switch (spec.scope()) {
                    case ACCOUNT -> related.find(subject.provider(), subject.account(), null, spec.type());
                    case REGION -> related.find(subject.provider(), subject.account(), subject.region(), spec.type());
                    case CHILDREN -> related.children(subject.provider(), subject.id(), spec.type());
                };
                List<Object> docs = new ArrayList<>(found.size());
                Instant newest = Instant.MIN;
                for (Resource r : found.stream().sorted(Comparator.comparing(Resource::id)).toList()) {
                    docs.add(document(r));
                    newest = r.observedAt().isAfter(newest) ? r.observedAt() : newest;
                }
                relatedNewest.put(k, newest);
                return docs;
            });
        }

        /** A finding reflects its resource and everything related it read: it is as new as the newest of them. */
        Instant observedAt(CompiledRule compiled, Resource resource) {
            Instant newest = resource.observedAt();
            for (RelatedSpec spec : compiled.rule().related()) {
                Instant t = relatedNewest.getOrDefault(relatedKey(spec, resource), Instant.MIN);
                newest = t.isAfter(newest) ? t : newest;
            }
            return newest;
        }

        Finding evaluate(CompiledRule compiled, Resource resource) {
            Map<String, Object> vars = new HashMap<>(8);
            vars.put(CelEnvironment.RESOURCE, document(resource));
            Map<String, Object> relatedVars = new HashMap<>();
            for (RelatedSpec spec : compiled.rule().related()) {
                relatedVars.put(spec.name(), relatedList(spec, resource));
            }
            vars.put(CelEnvironment.RELATED, relatedVars);
            vars.put(CelEnvironment.NOW, now);
            RulePrograms programs;
            try {
                programs = compiled.programs();
            } catch (RuleCompileException e) {
                return error(compiled, resource, "rule does not compile: " + e.getMessage());
            }
            if (programs.applies() != null) {
                try {
                    evaluations++;
                    Object applies = programs.applies().eval(vars);
                    if (!(applies instanceof Boolean b)) {
                        return error(compiled, resource, "applies returned " + describe(applies) + ", not a boolean");
                    }
                    if (!b) {
                        return null;
                    }
                } catch (CelEvaluationException e) {
                    return error(compiled, resource, "applies: " + e.getMessage());
                }
            }
            Object result;
            try {
                evaluations++;
                result = programs.expression().eval(vars);
            } catch (CelEvaluationException e) {
                return error(compiled, resource, e.getMessage());
            }
            if (!(result instanceof Boolean passed)) {
                return error(compiled, resource, "expression returned " + describe(result) + ", not a boolean");
            }
            if (passed) {
                return finding(compiled, resource, Status.PASS, Map.of());
            }
            Map<String, Object> evidence = new LinkedHashMap<>();
            for (Map.Entry<String, CelRuntime.Program> e : programs.evidence().entrySet()) {
                try {
                    evaluations++;
                    evidence.put(e.getKey(), CelValues.toPlain(e.getValue().eval(vars)));
                } catch (CelEvaluationException ex) {
                    evidence.put(e.getKey(), "unavailable: " + ex.getMessage());
                }
            }
            return finding(compiled, resource, Status.FAIL, evidence);
        }

        private static String describe(Object value) {
            return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
        }

        private Finding error(CompiledRule compiled, Resource resource, String message) {
            return finding(compiled, resource, Status.ERROR, Map.of("error", message));
        }

        private Finding finding(CompiledRule compiled, Resource resource, Status status, Map<String, Object> evidence) {
            var rule = compiled.rule();
            Instant observed = observedAt(compiled, resource);
            return new Finding(rule.id(), rule.title(), rule.severity(), status, resource.ref(), rule.control(),
                    rule.compliance(), evidence, observed);
        }
    }
}
