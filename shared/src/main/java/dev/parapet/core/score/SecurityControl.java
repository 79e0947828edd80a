package dev.parapet.core.score;

/** A secure-score control: rules map to it, and it contributes up to {@code maxScore} points to a scope's score. */
public record SecurityControl(String id, String title, double maxScore) {
}
