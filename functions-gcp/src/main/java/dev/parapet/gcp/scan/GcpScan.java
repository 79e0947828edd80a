package dev.parapet.gcp.scan;

import dev.parapet.core.compliance.Standards;
import dev.parapet.core.engine.Engine;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;
import dev.parapet.core.run.BatchAssessor;
import dev.parapet.core.run.BatchResult;
import dev.parapet.core.score.ScoreCalculator;
import dev.parapet.core.score.SecurityControls;
import dev.parapet.core.store.ScanScope;
import dev.parapet.core.store.Store;
import dev.parapet.gcp.collect.Collected;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A collection assessed project by project: one scan per project, complete when every listing of the collection
 * succeeded (then it resolves what the project no longer has), partial otherwise (it resolves nothing). Projects are
 * independent, so one failing to store leaves the others written.
 */
public final class GcpScan {
    private final Engine engine;
    private final BatchAssessor assessor;

    public GcpScan(Engine engine, Clock clock) {
        this.engine = engine;
        this.assessor = new BatchAssessor(engine, new ScoreCalculator(SecurityControls.builtIn()), Standards.builtIn(),
                clock);
    }

    /** One project's outcome. */
    public record ProjectResult(String project, boolean complete, BatchResult result) {
    }

    /** @param store null to assess without storing */
    public List<ProjectResult> assess(Collected collected, String trigger, Store store) {
        Map<String, List<Resource>> byProject = new LinkedHashMap<>();
        for (Resource r : collected.resources()) {
            byProject.computeIfAbsent(r.account(), k -> new ArrayList<>()).add(r);
        }
        List<ProjectResult> out = new ArrayList<>();
        for (Map.Entry<String, List<Resource>> e : byProject.entrySet()) {
            String project = e.getKey();
            boolean complete = collected.complete() && !project.isEmpty();
            List<ScanScope> scopes = complete ? List.of(new ScanScope(Provider.GCP, project, null)) : List.of();
            UnreadableFindings adjust = new UnreadableFindings(engine.rules(), collected.unreadable(),
                    store == null ? null : store.inventory(), project);
            out.add(new ProjectResult(project, complete, assessor.assess(e.getValue(), trigger, scopes, store, adjust)));
        }
        return out;
    }
}
