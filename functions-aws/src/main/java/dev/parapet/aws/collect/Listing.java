package dev.parapet.aws.collect;

import java.util.List;
import java.util.function.Supplier;

/** A listing call whose failure makes its type unreadable in the region (stored resources then report ERROR). */
final class Listing {
    private Listing() {
    }

    static <T> List<T> of(Collected out, String region, String type, String operation, Supplier<List<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            out.unreadable(type, region, operation, e);
            return List.of();
        }
    }
}
