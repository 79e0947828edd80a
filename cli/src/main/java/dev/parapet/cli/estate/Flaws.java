package dev.parapet.cli.estate;

import java.util.Set;

/** The misconfigurations chosen for one document; empty for a healthy one. */
record Flaws(Set<String> chosen) {
    static final Flaws NONE = new Flaws(Set.of());

    Flaws {
        chosen = Set.copyOf(chosen);
    }

    boolean has(String flaw) {
        return chosen.contains(flaw);
    }

    boolean any() {
        return !chosen.isEmpty();
    }
}
