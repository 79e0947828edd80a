package dev.parapet.core.compliance;

import java.util.List;

/** A compliance standard as data: its requirement ids and whether each can be assessed automatically. */
public record Standard(String id, String title, String version, String provider, List<Requirement> requirements) {
    public Standard {
        requirements = List.copyOf(requirements);
    }
}
