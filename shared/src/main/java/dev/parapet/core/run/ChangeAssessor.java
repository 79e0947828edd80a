package dev.parapet.core.run;

import dev.parapet.core.engine.AccountResources;
import dev.parapet.core.engine.Assessment;
import dev.parapet.core.engine.Engine;
import dev.parapet.core.engine.OverlayInventory;
import dev.parapet.core.engine.RelatedResources;
import dev.parapet.core.model.Resource;
import dev.parapet.core.store.ChangeSummary;
import dev.parapet.core.store.Store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assesses resources that changed (an event, a feed message): each with the related resources its rules read from
 * the store's inventory, plus the account documents whose account-level rules read a changed type, then writes only
 * those findings. Shared by the three clouds' event handlers.
 */
public final class ChangeAssessor {
    private final Engine engine;

    public ChangeAssessor(Engine engine) {
        this.engine = engine;
    }

    public record Result(Assessment assessment, ChangeSummary stored) {
    }

    public Result assess(List<Resource> changed, Store store) {
        RelatedResources inventory = new OverlayInventory(store.inventory(), changed);
        Assessment assessment = engine.assess(targets(changed, inventory), inventory);
        return new Result(assessment, store.recordChange(assessment));
    }

    /** The changed resources, and the account documents of accounts whose account-level rules read their types. */
    List<Resource> targets(List<Resource> changed, RelatedResources inventory) {
        Map<String, Resource> targets = new LinkedHashMap<>();
        changed.forEach(r -> targets.put(r.provider().key() + "|" + r.id(), r));
        for (Resource r : changed) {
            boolean feedsAccountRules = engine.rules().readingRelated(r.provider(), r.type()).stream()
                    .anyMatch(rule -> rule.rule().resourceTypes().stream()
                            .anyMatch(t -> AccountResources.isAccountType(r.provider(), t)));
            if (!feedsAccountRules || r.account().isEmpty()) {
                continue;
            }
            String accountType = AccountResources.typeFor(r.provider());
            List<Resource> stored = inventory.find(r.provider(), r.account(), null, accountType);
            Resource account = stored.isEmpty()
                    ? AccountResources.standIn(r.provider(), r.account(), r.observedAt())
                    : stored.get(0);
            targets.putIfAbsent(account.provider().key() + "|" + account.id(), account);
        }
        return new ArrayList<>(targets.values());
    }
}
