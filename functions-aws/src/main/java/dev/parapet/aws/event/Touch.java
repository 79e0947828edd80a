package dev.parapet.aws.event;

import dev.parapet.aws.collect.AccountCollector;

import java.util.Set;

/**
 * What one API call touched: a resource to re-read (by the name or id its API uses; "*" re-reads every resource of
 * the type in the region), whether the call deleted it, and the parts of the account item it changed.
 */
public record Touch(String type, String key, boolean deletes, Set<AccountCollector.Aspect> aspects) {
    public Touch {
        aspects = Set.copyOf(aspects);
    }
}
