package dev.parapet.cli;

import dev.parapet.core.rules.CompiledRule;
import dev.parapet.core.rules.Rule;
import dev.parapet.core.rules.RuleCatalog;
import dev.parapet.core.rules.RuleProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code parapet rules}: list the rules a run would use, or validate rule folders. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "List the loaded rules, or validate rule folders (exit 2 when a rule does not load).")
final class RulesCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ACTION", description = "list or validate")
    Action action;

    @Option(names = "--rules", paramLabel = "DIR", description = "Extra rule folder (repeatable).")
    List<Path> folders = new ArrayList<>();

    @Option(names = "--no-builtin-rules", description = "Only the --rules folders.")
    boolean noBuiltin;

    @Option(names = "--provider", paramLabel = "aws|azure|gcp", description = "Only this provider's rules.")
    String provider;

    enum Action { list, validate }

    @Override
    public Integer call() {
        RuleCatalog.Loaded loaded = RuleCatalog.load(!noBuiltin, folders);
        List<RuleProblem> problems = new ArrayList<>(loaded.problems());
        problems.addAll(loaded.rules().compileAll()); // built-in rules compile lazily: check them all here
        problems.forEach(p -> System.err.println("parapet: rule error: " + p));
        if (action == Action.list) {
            for (CompiledRule c : loaded.rules().all()) {
                Rule r = c.rule();
                if (provider == null || r.provider().key().equalsIgnoreCase(provider)) {
                    System.out.printf(Locale.ROOT, "%-55s %-13s %-6s %s%n", r.id(), r.severity(), r.provider().key(), r.title());
                }
            }
        }
        System.err.printf(Locale.ROOT, "parapet: %d rules loaded, %d problem(s)%n", loaded.rules().size(), problems.size());
        return problems.isEmpty() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
}
