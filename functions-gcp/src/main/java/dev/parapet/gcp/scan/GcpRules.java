package dev.parapet.gcp.scan;

import dev.parapet.core.rules.RuleCatalog;
import dev.parapet.core.util.ClasspathFolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The built-in Google Cloud rules only: compiling CEL dominates a function's cold start, and the other clouds'
 * rules never apply to Cloud Asset documents.
 */
public final class GcpRules {
    static final String FOLDER = "parapet/rules/gcp";

    private GcpRules() {
    }

    public static RuleCatalog.Loaded load() {
        try {
            Path folder = ClasspathFolder.of(FOLDER);
            if (folder == null) {
                throw new IllegalStateException("the built-in rules are missing from this build (" + FOLDER + ")");
            }
            return RuleCatalog.load(false, List.of(folder));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in rules: " + e.getMessage(), e);
        }
    }
}
