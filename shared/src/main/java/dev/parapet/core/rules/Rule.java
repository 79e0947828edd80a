package dev.parapet.core.rules;

import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Severity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A rule as written in YAML. {@code expression} is CEL over {@code resource} (the native document) and
 * {@code related} (lists of other resources, see {@link RelatedSpec}); true means PASS.
 *
 * @param control    secure-score control id (see controls.yaml)
 * @param compliance standard id to requirement ids; MCSB ids are included under "MCSB"
 * @param applies    optional CEL: false means the rule does not apply to this resource (no finding)
 * @param evidence   name to CEL expression, evaluated when the rule fails, in file order
 * @param source     the file the rule came from
 */
public record Rule(String id, String title, Provider provider, List<String> resourceTypes, Severity severity,
                   String control, Map<String, List<String>> compliance, String description, String remediation,
                   String applies, String expression, Map<String, String> evidence, List<RelatedSpec> related,
                   String source) {

    public static final String MCSB = "MCSB";

    public Rule {
        resourceTypes = List.copyOf(resourceTypes);
        compliance = Collections.unmodifiableMap(new TreeMap<>(compliance));
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        related = List.copyOf(related);
    }
}
