package dev.parapet.core.rules;

import dev.cel.runtime.CelRuntime;

import java.util.Map;

/** The compiled CEL programs of one rule; thread-safe and reused for every resource. {@code applies} may be null. */
public record RulePrograms(CelRuntime.Program applies, CelRuntime.Program expression,
                           Map<String, CelRuntime.Program> evidence) {
}
