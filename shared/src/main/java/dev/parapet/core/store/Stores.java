package dev.parapet.core.store;

/** TEMPORARY placeholder until the store branch lands. */
public final class Stores {
    private Stores() {
    }

    public static Store open(String url) {
        throw new UnsupportedOperationException("store not yet available: " + url);
    }
}
