package dev.parapet.core.rules;

import dev.parapet.core.engine.Assessment;
import dev.parapet.core.engine.Engine;
import dev.parapet.core.ingest.InputReader;
import dev.parapet.core.ingest.ParseResult;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every built-in rule is proven on real-format documents: rule-fixtures/PROVIDER/RULE-ID/ holds pass*.json,
 * fail*.json and error*.json (any supported input format; a file may hold related resources too). Each file is
 * assessed as one batch and every finding of the rule under test must have the status the file name says.
 */
class BuiltInRuleFixturesTest {
    /** Rules that judge ages see this as {@code now}, so fixtures never go stale. */
    static final Clock FIXED_NOW = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static RuleSet rules;
    private static Path fixtures;

    @BeforeAll
    static void load() throws URISyntaxException {
        RuleCatalog.Loaded loaded = RuleCatalog.load(true, List.of());
        assertThat(loaded.problems()).as("built-in rules load without problems").isEmpty();
        rules = loaded.rules();
        fixtures = Path.of(BuiltInRuleFixturesTest.class.getClassLoader().getResource("rule-fixtures").toURI());
    }

    @Test
    void everyBuiltInRuleCompiles() {
        // built-in rules compile lazily at run time, so the build is where a CEL error must surface
        assertThat(rules.compileAll()).isEmpty();
    }

    @Test
    void everyRuleHasPassingFailingAndErrorFixtures() {
        List<String> missing = new ArrayList<>();
        for (CompiledRule rule : rules.all()) {
            Path dir = dirOf(rule);
            for (String kind : List.of("pass", "fail", "error")) {
                if (filesOf(dir, kind).isEmpty()) {
                    missing.add(rule.id() + " has no " + kind + "*.json in " + fixtures.relativize(dir));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> fixturesGiveTheExpectedStatus() {
        return rules.all().stream().flatMap(rule -> Stream.of("pass", "fail", "error")
                .flatMap(kind -> filesOf(dirOf(rule), kind).stream()
                        .map(file -> DynamicTest.dynamicTest(rule.id() + " " + file.getFileName(),
                                () -> check(rule, file, Status.valueOf(kind.toUpperCase(Locale.ROOT)))))));
    }

    private static void check(CompiledRule rule, Path file, Status expected) {
        ParseResult parsed = InputReader.readFile(file, Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(parsed.problems()).as("fixture parses").isEmpty();
        Assessment assessment = new Engine(new RuleSet(List.of(rule)), FIXED_NOW).assess(parsed.resources());
        List<Finding> mine = assessment.findings().stream().filter(f -> f.ruleId().equals(rule.id())).toList();
        assertThat(mine).as("findings of %s on %s", rule.id(), file.getFileName()).isNotEmpty();
        assertThat(mine).allSatisfy(f -> assertThat(f.status()).as("%s on %s: %s", rule.id(), f.resource().id(), f.evidence()).isEqualTo(expected));
        if (expected == Status.FAIL && !rule.rule().evidence().isEmpty()) {
            assertThat(mine).allSatisfy(f -> assertThat(f.evidence()).isNotEmpty());
        }
    }

    private static Path dirOf(CompiledRule rule) {
        return fixtures.resolve(rule.rule().provider().key()).resolve(rule.id());
    }

    private static List<Path> filesOf(Path dir, String kind) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(kind)).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
