package dev.parapet.core.engine;

import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Resource;

import java.util.List;

/**
 * What one run of the engine produced.
 *
 * @param findings    one per (rule, resource) the rule applies to, in a deterministic order
 * @param resources   the live resources assessed (including stand-in account documents)
 * @param deleted     resources whose documents say they no longer exist: their findings resolve in the store
 * @param evaluations CEL programs run (applicability, expression and evidence)
 */
public record Assessment(List<Finding> findings, List<Resource> resources, List<Resource> deleted, long evaluations) {
}
