package dev.parapet.core.store;

import dev.parapet.core.engine.RelatedResources;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;

import java.util.List;

/** The store's live inventory as the engine's related-resource lookup: each call reads the current rows. */
final class StoreInventory implements RelatedResources {
    private final Tx tx;

    StoreInventory(Tx tx) {
        this.tx = tx;
    }

    @Override
    public List<Resource> find(Provider provider, String account, String region, String type) {
        return tx.read("inventory lookup", c -> ResourceTable.find(c, provider, account, region, type));
    }

    @Override
    public List<Resource> children(Provider provider, String parentId, String type) {
        return tx.read("inventory lookup", c -> ResourceTable.children(c, provider, parentId, type));
    }
}
