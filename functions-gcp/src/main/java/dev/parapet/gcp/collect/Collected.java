package dev.parapet.gcp.collect;

import dev.parapet.core.ingest.InputProblem;
import dev.parapet.core.model.Resource;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one collection of a scope produced.
 *
 * @param unreadable     listings that failed: their types are missing from {@code resources}
 * @param problems       assets that could not be turned into resources
 * @param orphanPolicies IAM policies without a RESOURCE half (not assessed)
 * @param pages          ListAssets pages read
 */
public record Collected(AssetScope scope, List<Resource> resources, List<Unreadable> unreadable,
                        List<InputProblem> problems, int orphanPolicies, int pages) {

    public Collected {
        resources = List.copyOf(resources);
        unreadable = List.copyOf(unreadable);
        problems = List.copyOf(problems);
    }

    /** Projects (as the resources name them: the number from their ancestors) seen in this collection. */
    public Set<String> projects() {
        Set<String> out = new TreeSet<>();
        resources.forEach(r -> {
            if (!r.account().isEmpty()) {
                out.add(r.account());
            }
        });
        return out;
    }

    /** True when every listing succeeded: the collection is a complete view of the scope. */
    public boolean complete() {
        return unreadable.isEmpty();
    }
}
