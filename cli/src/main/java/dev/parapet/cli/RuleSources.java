package dev.parapet.cli;

import dev.parapet.core.compliance.StandardFolder;
import dev.parapet.core.compliance.Standards;
import dev.parapet.core.rules.RuleCatalog;
import dev.parapet.core.rules.RuleProblem;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where a command's rules and standards come from: the built-in catalog, --rules folders, --standards folders. */
final class RuleSources {
    @Option(names = "--rules", paramLabel = "DIR", description = "Folder of extra rule YAML files (repeatable). "
            + "A rule with the id of a built-in rule replaces it.")
    List<Path> ruleFolders = new ArrayList<>();

    @Option(names = "--no-builtin-rules", description = "Use only the rules from --rules folders.")
    boolean noBuiltinRules;

    @Option(names = "--standards", paramLabel = "DIR", description = "Folder of your own standard YAML files "
            + "(repeatable), beside the built-in ones (docs/writing-rules.md).")
    List<Path> standardFolders = new ArrayList<>();

    /** The rules (with standards' rule mappings applied) and the standards; problems of both are in the rules'. */
    record Catalog(RuleCatalog.Loaded rules, Standards standards) {
    }

    /** Loads everything, printing each problem to {@code err}; the rest still loads. */
    Catalog load(PrintStream err) {
        return load(!noBuiltinRules, ruleFolders, err);
    }

    /** As {@link #load(PrintStream)}, with these rule folders and the built-in rules or not. */
    Catalog load(boolean builtIn, List<Path> rules, PrintStream err) {
        StandardFolder.Loaded standards = StandardFolder.load(Standards.builtIn(), standardFolders);
        RuleCatalog.Loaded loaded = RuleCatalog.load(standards.standards(), builtIn, rules);
        StandardFolder.Mapped mapped = standards.mapRules(loaded.rules(), builtIn);
        standards.problems().forEach(p -> err.println("parapet: standard error: " + p));
        loaded.problems().forEach(p -> err.println("parapet: rule error: " + p));
        mapped.problems().forEach(p -> err.println("parapet: standard error: " + p));
        List<RuleProblem> problems = new ArrayList<>(standards.problems());
        problems.addAll(loaded.problems());
        problems.addAll(mapped.problems());
        return new Catalog(new RuleCatalog.Loaded(mapped.rules(), List.copyOf(problems), loaded.overridden()),
                standards.standards());
    }
}
