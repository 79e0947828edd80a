package dev.parapet.core.rules;

import dev.cel.common.CelValidationException;
import dev.cel.runtime.CelRuntime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rule with its CEL programs. Rules from user folders compile when loaded, so errors surface at once; built-in
 * rules (compiled and tested in the build) compile on first use, so a function assessing one changed resource pays
 * only for the rules of that resource's type at cold start.
 */
public final class CompiledRule {
    private final Rule rule;
    private volatile RulePrograms programs;
    private volatile String compileError;

    private CompiledRule(Rule rule, RulePrograms programs) {
        this.rule = rule;
        this.programs = programs;
    }

    /** Compiles now; a rule that does not compile is not returned. */
    public static CompiledRule eager(Rule rule) throws RuleCompileException {
        return new CompiledRule(rule, compile(rule));
    }

    /** Compiles on the first call of {@link #programs()}. */
    public static CompiledRule lazy(Rule rule) {
        return new CompiledRule(rule, null);
    }

    public Rule rule() {
        return rule;
    }

    public String id() {
        return rule.id();
    }

    /** The programs, compiling them once if needed (two threads may both compile; either result is the same). */
    public RulePrograms programs() throws RuleCompileException {
        RulePrograms p = programs;
        if (p != null) {
            return p;
        }
        if (compileError != null) {
            throw new RuleCompileException(compileError);
        }
        try {
            p = compile(rule);
            programs = p;
            return p;
        } catch (RuleCompileException e) {
            compileError = e.getMessage();
            throw e;
        }
    }

    static RulePrograms compile(Rule rule) throws RuleCompileException {
        CelRuntime.Program applies = null;
        if (rule.applies() != null && !rule.applies().isBlank()) {
            applies = compileBoolean(rule.applies(), "applies");
        }
        CelRuntime.Program expression = compileBoolean(rule.expression(), "expression");
        Map<String, CelRuntime.Program> evidence = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : rule.evidence().entrySet()) {
            try {
                evidence.put(e.getKey(), CelEnvironment.compileValue(e.getValue()));
            } catch (CelValidationException ex) {
                throw new RuleCompileException("evidence." + e.getKey() + " does not compile: " + ex.getMessage());
            } catch (Exception ex) {
                throw new RuleCompileException("evidence." + e.getKey() + ": " + ex.getMessage());
            }
        }
        return new RulePrograms(applies, expression, Map.copyOf(evidence));
    }

    private static CelRuntime.Program compileBoolean(String text, String field) throws RuleCompileException {
        try {
            return CelEnvironment.compileBoolean(text);
        } catch (CelValidationException e) {
            throw new RuleCompileException(field + " does not compile: " + e.getMessage());
        } catch (Exception e) {
            throw new RuleCompileException(field + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "CompiledRule[" + rule.id() + "]";
    }
}
