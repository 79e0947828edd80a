package dev.parapet.core.score;

import dev.parapet.core.model.Finding;
import dev.parapet.core.model.ResourceRef;
import dev.parapet.core.model.Status;
import dev.parapet.core.rules.CompiledRule;
import dev.parapet.core.rules.RuleSet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Secure score as Microsoft Defender for Cloud computes it: a resource is healthy in a control only if every
 * finding of that control on it passes; control score = max × healthy / (healthy + unhealthy); a scope's score is
 * Σ control scores / Σ max of the controls that assessed at least one resource in that scope. Findings in ERROR
 * make a resource undecided in that control (neither healthy nor unhealthy) unless another finding fails.
 */
public final class ScoreCalculator {
    private final SecurityControls controls;

    public ScoreCalculator(SecurityControls controls) {
        this.controls = controls;
    }

    public ScoreReport compute(Collection<Finding> findings, RuleSet rules) {
        ScopeScore overall = scope("overall", "", findings);
        List<ScopeScore> byProvider = new ArrayList<>();
        new TreeMap<>(group(findings, f -> f.resource().provider().key())).forEach((id, list) ->
                byProvider.add(scope("provider", id, list)));
        List<ScopeScore> byAccount = new ArrayList<>();
        new TreeMap<>(group(findings, f -> f.resource().provider().key() + ":" + f.resource().account())).forEach((id, list) ->
                byAccount.add(scope("account", id, list)));
        return new ScoreReport(overall, byProvider, byAccount, recommendations(findings, overall, rules));
    }

    /** The score of one scope over its findings. */
    public ScopeScore scope(String kind, String id, Collection<Finding> findings) {
        // control -> resource -> worst status (FAIL over ERROR over PASS)
        Map<String, Map<String, Status>> health = new TreeMap<>();
        int pass = 0, fail = 0, error = 0;
        int[] bySeverity = new int[5];
        for (Finding f : findings) {
            switch (f.status()) {
                case PASS -> pass++;
                case FAIL -> {
                    fail++;
                    bySeverity[f.severity().ordinal()]++;
                }
                case ERROR -> error++;
            }
            health.computeIfAbsent(f.control(), c -> new HashMap<>())
                    .merge(resourceKey(f.resource()), f.status(), ScoreCalculator::worse);
        }
        List<ControlScore> scores = new ArrayList<>();
        double sum = 0;
        double max = 0;
        for (Map.Entry<String, Map<String, Status>> e : health.entrySet()) {
            int healthy = 0, unhealthy = 0, undecided = 0;
            for (Status s : e.getValue().values()) {
                switch (s) {
                    case PASS -> healthy++;
                    case FAIL -> unhealthy++;
                    case ERROR -> undecided++;
                }
            }
            SecurityControl control = controls.get(e.getKey())
                    .orElse(new SecurityControl(e.getKey(), e.getKey(), 0));
            int assessed = healthy + unhealthy;
            double score = assessed == 0 ? 0 : control.maxScore() * healthy / assessed;
            double potential = control.maxScore() - score;
            scores.add(new ControlScore(control.id(), control.title(), control.maxScore(), healthy, unhealthy, undecided,
                    score, assessed == 0 ? 0 : potential));
            if (assessed > 0) {
                sum += score;
                max += control.maxScore();
            }
        }
        scores.sort(Comparator.comparingDouble(ControlScore::potentialIncrease).reversed()
                .thenComparing(Comparator.comparingDouble(ControlScore::maxScore).reversed())
                .thenComparing(ControlScore::controlId));
        boolean anyAssessed = scores.stream().anyMatch(c -> c.assessed() > 0);
        // Controls worth 0 (best practices) never make a score on their own.
        Double percent = !anyAssessed || max == 0 ? null : 100.0 * sum / max;
        FindingCounts counts = new FindingCounts(pass, fail, error, bySeverity[4], bySeverity[3], bySeverity[2],
                bySeverity[1], bySeverity[0]);
        return new ScopeScore(kind, id, sum, max, percent, List.copyOf(scores), counts);
    }

    private List<Recommendation> recommendations(Collection<Finding> findings, ScopeScore overall, RuleSet rules) {
        Map<String, ControlScore> byControl = new HashMap<>();
        overall.controls().forEach(c -> byControl.put(c.controlId(), c));
        Map<String, List<Finding>> failing = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (f.status() == Status.FAIL) {
                failing.computeIfAbsent(f.ruleId(), r -> new ArrayList<>()).add(f);
            }
        }
        List<Recommendation> out = new ArrayList<>();
        for (Map.Entry<String, List<Finding>> e : failing.entrySet()) {
            Finding first = e.getValue().get(0);
            ControlScore control = byControl.get(first.control());
            double perResource = control == null || control.assessed() == 0 ? 0 : control.maxScore() / control.assessed();
            int unhealthy = (int) e.getValue().stream().map(f -> resourceKey(f.resource())).distinct().count();
            double points = perResource * unhealthy;
            double percent = overall.maxScore() == 0 ? 0 : 100.0 * points / overall.maxScore();
            String remediation = rules == null ? "" : rules.byId(e.getKey()).map(CompiledRule::rule).map(r -> r.remediation()).orElse("");
            List<ResourceRef> affected = e.getValue().stream().map(Finding::resource).distinct().toList();
            out.add(new Recommendation(e.getKey(), first.title(), first.severity(), first.control(), unhealthy, points,
                    percent, remediation, affected));
        }
        out.sort(Comparator.comparingDouble(Recommendation::potentialIncrease).reversed()
                .thenComparing(Comparator.comparing(Recommendation::severity).reversed())
                .thenComparing(Comparator.comparingInt(Recommendation::unhealthyResources).reversed())
                .thenComparing(Recommendation::ruleId));
        return List.copyOf(out);
    }

    private static Status worse(Status a, Status b) {
        if (a == Status.FAIL || b == Status.FAIL) {
            return Status.FAIL;
        }
        if (a == Status.ERROR || b == Status.ERROR) {
            return Status.ERROR;
        }
        return Status.PASS;
    }

    private static String resourceKey(ResourceRef r) {
        return r.provider().key() + "|" + r.id();
    }

    private static Map<String, List<Finding>> group(Collection<Finding> findings, java.util.function.Function<Finding, String> key) {
        Map<String, List<Finding>> out = new LinkedHashMap<>();
        for (Finding f : findings) {
            out.computeIfAbsent(key.apply(f), k -> new ArrayList<>()).add(f);
        }
        return out;
    }
}
