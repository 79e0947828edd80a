package dev.parapet.cli;

import dev.parapet.core.engine.Engine;
import dev.parapet.core.ingest.InputProblem;
import dev.parapet.core.ingest.InputReader;
import dev.parapet.core.ingest.ParseResult;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Status;
import dev.parapet.core.rules.CompiledRule;
import dev.parapet.core.rules.RuleSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Example documents beside user rule files (docs/writing-rules.md): for {@code DIR/s3.yaml}, the folder
 * {@code DIR/s3/} holds {@code pass*.json}, {@code fail*.json} and {@code error*.json} (or .jsonl / .ndjson) when the
 * file holds one rule, and {@code DIR/s3/<rule-id>/} holds them for each rule of a file with several. The file name
 * says the status every finding of the rule on that file must have, as in the built-in rule fixtures.
 */
final class RuleExamples {
    private static final List<String> INPUT_ENDINGS = List.of(".json", ".jsonl", ".ndjson");

    private RuleExamples() {
    }

    record Example(CompiledRule rule, Path file, Status expected) {
    }

    /** The examples found, and what is wrong with the example folders (misnamed files, folders of no rule). */
    record Found(List<Example> examples, List<InputProblem> problems) {
    }

    /**
     * What the rule made of one example: {@code mismatched} are the findings whose status differs from the expected
     * one; {@code findings} empty means the rule produced none (wrong type, or {@code applies} was false).
     */
    record Outcome(Example example, List<Finding> findings, List<Finding> mismatched, List<InputProblem> problems) {
        boolean matches() {
            return problems.isEmpty() && !findings.isEmpty() && mismatched.isEmpty();
        }
    }

    static Found find(RuleSet rules) {
        Map<Path, List<CompiledRule>> byFile = new LinkedHashMap<>();
        rules.all().forEach(r -> byFile.computeIfAbsent(Path.of(r.rule().source()), f -> new ArrayList<>()).add(r));
        List<Example> examples = new ArrayList<>();
        List<InputProblem> problems = new ArrayList<>();
        byFile.forEach((file, ofFile) -> {
            Path folder = folderOf(file);
            if (Files.isDirectory(folder)) {
                collect(file, folder, ofFile, examples, problems);
            }
        });
        return new Found(examples, problems);
    }

    /** {@code rules/s3.yaml} → {@code rules/s3}. */
    static Path folderOf(Path ruleFile) {
        String name = ruleFile.getFileName().toString();
        return ruleFile.resolveSibling(name.substring(0, name.lastIndexOf('.')));
    }

    private static void collect(Path ruleFile, Path folder, List<CompiledRule> ofFile, List<Example> examples,
                                List<InputProblem> problems) {
        for (Path entry : list(folder, problems)) {
            if (Files.isDirectory(entry)) {
                String id = entry.getFileName().toString();
                Optional<CompiledRule> rule = ofFile.stream().filter(r -> r.id().equals(id)).findFirst();
                if (rule.isEmpty()) {
                    problems.add(new InputProblem(entry.toString(), "no rule '" + id + "' in " + ruleFile
                            + ": an example folder must be named after a rule of that file"));
                    continue;
                }
                for (Path inner : list(entry, problems)) {
                    if (Files.isDirectory(inner)) {
                        problems.add(new InputProblem(inner.toString(), "examples are files, not folders"));
                    } else {
                        add(rule.get(), inner, examples, problems);
                    }
                }
            } else if (isInput(entry)) {
                if (ofFile.size() == 1) {
                    add(ofFile.get(0), entry, examples, problems);
                } else {
                    problems.add(new InputProblem(entry.toString(), ruleFile + " holds " + ofFile.size()
                            + " rules: put each rule's examples in " + folder.resolve("<rule-id>")));
                }
            }
        }
    }

    private static void add(CompiledRule rule, Path file, List<Example> examples, List<InputProblem> problems) {
        if (!isInput(file)) {
            return; // notes and other files beside examples
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (Status status : Status.values()) {
            if (name.startsWith(status.name().toLowerCase(Locale.ROOT))) {
                examples.add(new Example(rule, file, status));
                return;
            }
        }
        problems.add(new InputProblem(file.toString(),
                "an example's name starts with pass, fail or error: the status the rule must give it"));
    }

    private static boolean isInput(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return INPUT_ENDINGS.stream().anyMatch(name::endsWith);
    }

    private static List<Path> list(Path folder, List<InputProblem> problems) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            problems.add(new InputProblem(folder.toString(), "cannot list: " + e.getMessage()));
            return List.of();
        }
    }

    /** Assesses the example as one batch with its rule alone, as the built-in fixture test does. */
    static Outcome run(Example example, Clock clock) {
        ParseResult parsed = InputReader.readFile(example.file(), clock.instant());
        if (!parsed.problems().isEmpty()) {
            return new Outcome(example, List.of(), List.of(), parsed.problems());
        }
        List<Finding> findings = new Engine(new RuleSet(List.of(example.rule())), clock).assess(parsed.resources())
                .findings().stream().filter(f -> f.ruleId().equals(example.rule().id())).toList();
        List<Finding> mismatched = findings.stream().filter(f -> f.status() != example.expected()).toList();
        return new Outcome(example, findings, mismatched, List.of());
    }
}
