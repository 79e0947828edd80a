package dev.parapet.core.rules;

import dev.cel.runtime.CelRuntime;

import java.util.Map;

/** A rule with its CEL programs compiled once at load; programs are thread-safe and reused for every resource. */
public record CompiledRule(Rule rule, CelRuntime.Program applies, CelRuntime.Program expression,
                           Map<String, CelRuntime.Program> evidence) {

    public String id() {
        return rule.id();
    }
}
