package dev.parapet.core.engine;

import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;

import java.util.List;

/**
 * Where the engine finds the other resources a rule reads. A full scan answers from the batch it assesses
 * ({@link Inventory}); an event for one changed resource answers from the store's inventory, so a rule behaves
 * the same either way.
 */
public interface RelatedResources {

    /** Live resources of {@code type} in the account; {@code region} null means every region. */
    List<Resource> find(Provider provider, String account, String region, String type);

    /** Live resources of {@code type} whose id starts with {@code parentId + "/"}. */
    List<Resource> children(Provider provider, String parentId, String type);

    RelatedResources NONE = new RelatedResources() {
        @Override
        public List<Resource> find(Provider provider, String account, String region, String type) {
            return List.of();
        }

        @Override
        public List<Resource> children(Provider provider, String parentId, String type) {
            return List.of();
        }
    };
}
