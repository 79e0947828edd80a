package dev.parapet.azure.collect;

import dev.parapet.core.ingest.InputProblem;
import dev.parapet.core.model.Resource;

import java.util.List;

/**
 * Everything collected for one subscription. Unreadable documents are in {@code resources} as stand-ins (see
 * {@link ReadFailure#unreadableDocument()}) and listed in {@code failures}.
 *
 * @param problems documents that came back but could not be parsed
 */
public record SubscriptionInventory(String subscriptionId, List<Resource> resources, List<ReadFailure> failures,
                                    List<InputProblem> problems) {
    public SubscriptionInventory {
        resources = List.copyOf(resources);
        failures = List.copyOf(failures);
        problems = List.copyOf(problems);
    }
}
