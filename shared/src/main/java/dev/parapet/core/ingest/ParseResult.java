package dev.parapet.core.ingest;

import dev.parapet.core.model.Resource;

import java.util.ArrayList;
import java.util.List;

/** Resources recognised in some input, and the problems met on the way. Good parts are never dropped for bad ones. */
public record ParseResult(List<Resource> resources, List<InputProblem> problems) {

    public ParseResult {
        resources = List.copyOf(resources);
        problems = List.copyOf(problems);
    }

    public static ParseResult of(List<Resource> resources) {
        return new ParseResult(resources, List.of());
    }

    public static ParseResult problem(String source, String reason) {
        return new ParseResult(List.of(), List.of(new InputProblem(source, reason)));
    }

    /** Accumulates results without copying on every step (inputs can hold 100k resources). */
    public static final class Builder {
        private final List<Resource> resources = new ArrayList<>();
        private final List<InputProblem> problems = new ArrayList<>();

        public Builder add(ParseResult result) {
            resources.addAll(result.resources);
            problems.addAll(result.problems);
            return this;
        }

        public Builder problem(String source, String reason) {
            problems.add(new InputProblem(source, reason));
            return this;
        }

        public ParseResult build() {
            return new ParseResult(resources, problems);
        }
    }
}
