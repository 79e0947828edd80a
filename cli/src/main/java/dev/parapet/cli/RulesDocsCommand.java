package dev.parapet.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code parapet rules docs}: the rule reference as Markdown (docs/rules.md is this, for the built-in catalog). */
@Command(name = "docs", mixinStandardHelpOptions = true,
        description = {"Write the rule reference as Markdown: counts, standard coverage, and per provider and service "
                + "each rule's id, title, severity, resource types, control and MCSB / CIS / FSBP references.",
                "docs/rules.md is generated this way: " + RulesDoc.REGENERATE},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:a rule or standard file could not be read (nothing is written)",
                "3:usage error", "4:the output could not be written"})
final class RulesDocsCommand implements Callable<Integer> {
    @Mixin
    RuleSources sources = new RuleSources();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;

    @Override
    public Integer call() {
        RuleSources.Catalog catalog = sources.load(System.err);
        if (!RulesCommand.check(catalog)) {
            System.err.println("parapet: the reference is not written while rules do not load");
            return ExitCodes.BAD_INPUT;
        }
        String markdown = RulesDoc.render(catalog.rules().rules(), catalog.standards());
        try (OutputStream out = Output.open(output, System.out)) {
            out.write(markdown.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            System.err.println("parapet: cannot write " + output + ": " + e.getMessage());
            return ExitCodes.RUNTIME;
        }
        return ExitCodes.OK;
    }
}
