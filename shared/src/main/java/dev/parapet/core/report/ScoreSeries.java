package dev.parapet.core.report;

import dev.parapet.core.store.ScoreSnapshot;

import java.util.List;

/**
 * The daily score points of one scope, oldest first, as the store's score history holds them.
 *
 * @param kind "overall" or "provider"
 * @param id   "" for overall, else the provider key ("aws", "azure", "gcp")
 */
public record ScoreSeries(String kind, String id, List<ScoreSnapshot> points) {
    public ScoreSeries {
        points = List.copyOf(points);
    }

    /** "overall" for the overall scope, else the id: the label charts and tables show. */
    public String label() {
        return id.isEmpty() ? kind : id;
    }
}
