package dev.parapet.azure.app;

import dev.parapet.core.compliance.Standard;
import dev.parapet.core.compliance.Standards;
import dev.parapet.core.rules.RuleLoader;
import dev.parapet.core.rules.RuleSet;
import dev.parapet.core.score.SecurityControls;
import dev.parapet.core.util.ClasspathFolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in Azure rules only: compiling CEL is most of a cold start, and an Azure function has no use for the AWS
 * and Google Cloud rules. Validated against the same controls and standards as the full catalog; each rule's CEL is
 * compiled when it first runs.
 */
public final class AzureRules {
    static final String FOLDER = "parapet/rules/azure";

    private AzureRules() {
    }

    public record Loaded(RuleSet rules, List<String> problems) {
    }

    public static Loaded load() {
        Map<String, Set<String>> requirements = new LinkedHashMap<>();
        for (Standard s : Standards.builtIn().all()) {
            Set<String> ids = new HashSet<>();
            s.requirements().forEach(r -> ids.add(r.id()));
            requirements.put(s.id(), ids);
        }
        try {
            var root = ClasspathFolder.of(FOLDER);
            if (root == null) {
                throw new IllegalStateException("built-in Azure rules are missing from the classpath (" + FOLDER + ")");
            }
            // lazy: the build compiles and tests every built-in rule; an event compiles only the rules it runs
            RuleLoader.Result r = new RuleLoader(SecurityControls.builtIn().ids(), requirements, true).loadDirectory(root);
            return new Loaded(new RuleSet(r.rules()), r.problems().stream().map(Object::toString).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in Azure rules", e);
        }
    }
}
