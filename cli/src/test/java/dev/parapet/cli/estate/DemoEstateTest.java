package dev.parapet.cli.estate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.engine.Assessment;
import dev.parapet.core.engine.Engine;
import dev.parapet.core.ingest.InputReader;
import dev.parapet.core.ingest.ParseResult;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;
import dev.parapet.core.model.Status;
import dev.parapet.core.rules.RuleCatalog;
import dev.parapet.core.score.SecurityControls;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled demo estate parses cleanly, has the expected shape, and is exactly what the generator writes. */
class DemoEstateTest {
    private static Path bundled;
    private static ParseResult read;

    @BeforeAll
    static void readBundled() throws URISyntaxException {
        bundled = Path.of(DemoEstateTest.class.getClassLoader().getResource(DemoEstate.ROOT).toURI());
        read = InputReader.read(List.of(bundled), Instant.parse("2026-11-02T06:00:00Z"), p -> { });
    }

    @Test
    void everyBundledFileParsesWithoutProblems() {
        assertThat(read.problems()).isEmpty();
        assertThat(read.resources()).hasSize(DemoEstate.RESOURCES);
    }

    @Test
    void eachCloudHasAThirdOfTheResources() {
        Map<Provider, Long> perProvider = read.resources().stream()
                .collect(Collectors.groupingBy(Resource::provider, Collectors.counting()));
        assertThat(perProvider).containsExactlyInAnyOrderEntriesOf(Map.of(Provider.AWS, 150L, Provider.AZURE, 150L, Provider.GCP, 150L));
        assertThat(read.resources().stream().map(r -> r.provider() + r.id()).distinct()).hasSize(DemoEstate.RESOURCES);
    }

    @Test
    void theFilesUseEveryRealInputShape() throws IOException {
        List<String> files = DemoEstate.files();
        assertThat(files).anyMatch(f -> f.endsWith(".jsonl"));
        assertThat(shapes(files)).contains("configurationItems", "Results", "detail-type", "data", "value", "assets", "array");
        // SelectResourceConfig returns each item as a JSON string
        JsonNode select = Json.MAPPER.readTree(bundled.resolve(files.stream().filter(f -> f.contains("select")).findFirst().orElseThrow()).toFile());
        assertThat(select.get("Results").get(0).isTextual()).isTrue();
        // Resource Graph lower-cases types; the export writes snake_case outside resource.data
        assertThat(Files.readString(bundled.resolve("azure/resource-graph_page-1.json"))).contains("\"type\": \"microsoft.");
        assertThat(Files.readString(bundled.resolve(files.stream().filter(f -> f.endsWith(".jsonl")).findFirst().orElseThrow())))
                .contains("\"asset_type\":").contains("\"update_time\":").doesNotContain("\"assetType\":");
    }

    private static List<String> shapes(List<String> files) throws IOException {
        List<String> shapes = new ArrayList<>();
        for (String f : files) {
            if (f.endsWith(".json")) {
                JsonNode root = Json.MAPPER.readTree(bundled.resolve(f).toFile());
                if (root.isArray()) {
                    shapes.add("array");
                } else {
                    root.fieldNames().forEachRemaining(shapes::add);
                }
            }
        }
        return shapes;
    }

    @Test
    void regeneratingWithTheSameSeedIsByteIdentical(@TempDir Path dir) throws IOException {
        List<String> written = EstateFiles.write(DemoEstate.generate(), dir);
        assertThat(written).containsExactlyElementsOf(DemoEstate.files());
        for (String file : Stream.concat(written.stream(), Stream.of(EstateFiles.INDEX)).toList()) {
            assertThat(Files.readAllBytes(dir.resolve(file))).as(file + " differs from the bundled copy; regenerate it "
                    + "(see DemoEstate)").isEqualTo(Files.readAllBytes(bundled.resolve(file)));
        }
        try (Stream<Path> all = Files.walk(bundled)) {
            assertThat(all.filter(Files::isRegularFile).count()).as("no stray files in the bundled demo").isEqualTo(written.size() + 1);
        }
    }

    @Test
    void copyToWritesTheBundledFilesForTheReader(@TempDir Path dir) throws IOException {
        DemoEstate.copyTo(dir);
        ParseResult copy = InputReader.read(List.of(dir), Instant.parse("2026-11-02T06:00:00Z"), p -> { });
        assertThat(copy.problems()).isEmpty();
        assertThat(copy.resources()).hasSize(DemoEstate.RESOURCES);
    }

    /** Documents are complete: no built-in rule finds a field missing (ERROR); most findings pass, some fail. */
    @Test
    void builtInRulesDecideEveryDemoResource() {
        RuleCatalog.Loaded loaded = RuleCatalog.load(SecurityControls.builtIn().ids(), true, List.of());
        assertThat(loaded.problems()).isEmpty();
        // Ages (key rotation, unused credentials) are judged at the moment the sample estate was observed.
        Clock observed = Clock.fixed(SampleEstate.DEFAULT_ANCHOR, ZoneOffset.UTC);
        Assessment assessment = new Engine(loaded.rules(), observed).assess(read.resources());
        List<String> errors = assessment.findings().stream().filter(f -> f.status() == Status.ERROR)
                .map(f -> f.ruleId() + " on " + f.resource().id() + ": " + f.evidence()).toList();
        assertThat(errors).isEmpty();
        Map<Status, Long> statuses = assessment.findings().stream()
                .collect(Collectors.groupingBy(Finding::status, Collectors.counting()));
        assertThat(statuses.getOrDefault(Status.PASS, 0L)).isGreaterThan(statuses.getOrDefault(Status.FAIL, 0L));
        assertThat(statuses.getOrDefault(Status.FAIL, 0L)).isPositive();
    }
}
