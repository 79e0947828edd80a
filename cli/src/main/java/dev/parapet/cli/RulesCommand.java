package dev.parapet.cli;

import dev.parapet.core.rules.CompiledRule;
import dev.parapet.core.rules.Rule;
import dev.parapet.core.rules.RuleProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code parapet rules}: list the rules a run would use, validate or test rule folders, write the catalog reference. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "List the loaded rules, validate rule folders, test rules on their example documents, or "
                + "generate the rule reference (docs/rules.md).",
        subcommands = {RulesCommand.ListRules.class, RulesCommand.Validate.class, RulesTestCommand.class,
                RulesDocsCommand.class})
final class RulesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "give an action: list, validate, test or docs");
    }

    /** Compiles every rule (built-in rules compile lazily otherwise), reports all problems; true when none. */
    static boolean check(RuleSources.Catalog catalog) {
        List<RuleProblem> compile = catalog.rules().rules().compileAll();
        compile.forEach(p -> System.err.println("parapet: rule error: " + p));
        int problems = catalog.rules().problems().size() + compile.size();
        System.err.printf(Locale.ROOT, "parapet: %d rules loaded, %d problem(s)%n", catalog.rules().rules().size(), problems);
        return problems == 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the rules a run would use: id, severity, provider, title (exit 2 when a rule does not load).")
    static final class ListRules implements Callable<Integer> {
        @Mixin
        RuleSources sources = new RuleSources();

        @Option(names = "--provider", paramLabel = "aws|azure|gcp", description = "Only this provider's rules.")
        String provider;

        @Override
        public Integer call() {
            RuleSources.Catalog catalog = sources.load(System.err);
            boolean ok = check(catalog);
            for (CompiledRule c : catalog.rules().rules().all()) {
                Rule r = c.rule();
                if (provider == null || r.provider().key().equalsIgnoreCase(provider)) {
                    System.out.printf(Locale.ROOT, "%-55s %-13s %-6s %s%n", r.id(), r.severity(), r.provider().key(), r.title());
                }
            }
            return ok ? ExitCodes.OK : ExitCodes.BAD_INPUT;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check that every rule (and --standards file) loads and compiles (exit 2 when one does not).")
    static final class Validate implements Callable<Integer> {
        @Mixin
        RuleSources sources = new RuleSources();

        @Override
        public Integer call() {
            return check(sources.load(System.err)) ? ExitCodes.OK : ExitCodes.BAD_INPUT;
        }
    }
}
