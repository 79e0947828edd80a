package dev.parapet.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.compliance.Standards;
import dev.parapet.core.engine.Engine;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Resource;
import dev.parapet.core.rules.RuleSet;
import dev.parapet.core.run.BatchAssessor;
import dev.parapet.core.score.ScoreCalculator;
import dev.parapet.core.score.SecurityControls;
import dev.parapet.core.store.FindingFilter;
import dev.parapet.core.store.ScoreSnapshot;
import dev.parapet.core.store.Store;
import dev.parapet.core.store.StoredFinding;
import dev.parapet.core.store.Stores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Two real scans into a real SQLite store, then the report: its numbers are the store's, in every format. */
class ReportFromStoreTest {
    @TempDir
    static Path dir;
    static Store store;
    static RuleSet rules;
    static ReportModel model;

    @BeforeAll
    static void twoScans() throws Exception {
        rules = ReportFixture.rules(StoreEstate.RULES, "e2e.yaml");
        store = Stores.open("sqlite:" + dir.resolve("store.db"));
        scan(StoreEstate.parse(StoreEstate.day1(), StoreEstate.DAY1), StoreEstate.DAY1);
        scan(StoreEstate.parse(StoreEstate.day2(), StoreEstate.DAY2), StoreEstate.DAY2);
        Clock reportTime = Clock.fixed(StoreEstate.DAY2.plus(Duration.ofHours(1)), ZoneOffset.UTC);
        model = new ReportBuilder(rules, new ScoreCalculator(SecurityControls.builtIn()), Standards.builtIn(),
                reportTime, 30).build(store);
    }

    private static void scan(List<Resource> resources, Instant at) {
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        new BatchAssessor(new Engine(rules, clock), new ScoreCalculator(SecurityControls.builtIn()), Standards.builtIn(),
                clock).assess(resources, "schedule", null, store);
    }

    @AfterAll
    static void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void coversTheLatestScanAndExactlyTheStoresCurrentFindings() {
        assertThat(model.scans()).hasSize(1);
        assertThat(model.scans().get(0).finishedAt()).isEqualTo(StoreEstate.DAY2);
        Set<String> current = new HashSet<>();
        store.findings(FindingFilter.CURRENT).forEach(f -> current.add(f.key()));
        Set<String> reported = new HashSet<>();
        model.findings().forEach(f -> reported.add(f.key()));
        assertThat(reported).isEqualTo(current).hasSize(8);
        assertThat(model.outOfScope()).isZero();
    }

    @Test
    void scoresAreTheOnesTheStoreRecordedForTheScan() {
        Instant from = StoreEstate.DAY1.minus(Duration.ofDays(1));
        Instant to = StoreEstate.DAY2.plus(Duration.ofDays(1));
        List<ScoreSnapshot> overall = store.dailyScores("overall", "", from, to);
        assertThat(overall).hasSize(2);
        assertThat(model.score().overall().percent()).isEqualTo(overall.get(1).percent());
        for (var p : model.score().byProvider()) {
            List<ScoreSnapshot> points = store.dailyScores("provider", p.id(), from, to);
            assertThat(p.percent()).as(p.id()).isEqualTo(points.get(points.size() - 1).percent());
        }
        ScoreChange change = model.changes().get(0);
        assertThat(change.previousPercent()).isEqualTo(overall.get(0).percent());
        assertThat(change.previousAt()).isEqualTo(StoreEstate.DAY1);
        assertThat(model.history()).extracting(ScoreSeries::label).contains("overall", "aws", "azure", "gcp");
        assertThat(model.history()).allSatisfy(s -> assertThat(s.points()).hasSize(2));
    }

    @Test
    void deltaIsTheStoresDeltaBetweenTheTwoScans() {
        ReportDelta d = model.delta();
        assertThat(d.baselineScanIds()).hasSize(1);
        assertThat(d.newFailures()).extracting(f -> f.finding().resource().name()).containsExactly("b1");
        assertThat(d.fixed()).extracting(f -> f.finding().resource().name()).containsExactlyInAnyOrder("b3", "st2");
        assertThat(d.stillFailing()).extracting(f -> f.finding().resource().name()).containsExactly("g1", "b2");
    }

    @Test
    void everyFormatAgreesWithTheStore() throws Exception {
        Map<String, Integer> storeByStatus = new HashMap<>();
        for (StoredFinding f : store.findings(FindingFilter.CURRENT)) {
            storeByStatus.merge(f.finding().status().name(), 1, Integer::sum);
        }
        assertThat(storeByStatus).containsEntry("FAIL", 3).containsEntry("PASS", 5);

        JsonNode json = Json.MAPPER.readTree(ReportFixture.render(ReportFormat.JSON, model));
        Map<String, String> html = ReportParsing.metrics(new String(ReportFixture.render(ReportFormat.HTML, model),
                StandardCharsets.UTF_8));
        List<List<String>> csv = ReportParsing.csv(new String(ReportFixture.render(ReportFormat.CSV, model),
                StandardCharsets.UTF_8));
        List<JsonNode> ocsf = new ArrayList<>();
        for (String line : new String(ReportFixture.render(ReportFormat.OCSF, model), StandardCharsets.UTF_8).split("\n")) {
            ocsf.add(Json.MAPPER.readTree(line));
        }
        Map<String, Integer> csvByStatus = new HashMap<>();
        csv.subList(1, csv.size()).forEach(r -> csvByStatus.merge(r.get(10), 1, Integer::sum));
        Map<String, Integer> ocsfByStatus = new HashMap<>();
        ocsf.forEach(e -> ocsfByStatus.merge(e.at("/compliance/status").asText().toUpperCase(), 1, Integer::sum));

        assertThat(csvByStatus).isEqualTo(storeByStatus);
        assertThat(ocsfByStatus).isEqualTo(Map.of("FAIL", 3, "PASS", 5));
        assertThat(json.at("/score/overall/findings/fail").asInt()).isEqualTo(3);
        assertThat(json.at("/score/overall/findings/pass").asInt()).isEqualTo(5);
        assertThat(html).containsEntry("findings.fail", "3").containsEntry("findings.pass", "5")
                .containsEntry("delta.new", "1").containsEntry("delta.fixed", "2").containsEntry("delta.still", "2");

        BigDecimal stored = BigDecimal.valueOf(store.dailyScores("overall", "", StoreEstate.DAY2, StoreEstate.DAY2.plusSeconds(1))
                .get(0).percent()).setScale(2, RoundingMode.HALF_UP);
        assertThat(json.at("/score/overall/percent").decimalValue()).isEqualByComparingTo(stored);
        assertThat(new BigDecimal(html.get("overall.percent"))).isEqualByComparingTo(stored);

        OcsfValidator validator = new OcsfValidator();
        ocsf.forEach(e -> assertThat(validator.problems(e)).as(e.toString()).isEmpty());
        // b4 went from ERROR to PASS: never failed, so not closed; b5 and the AWS bucket b1 were first seen in scan 2
        JsonNode b1 = ocsf.stream().filter(e -> e.at("/resources/0/name").asText().equals("b1")).findFirst().orElseThrow();
        assertThat(b1.path("activity_id").asInt()).isEqualTo(2);
        JsonNode st2 = ocsf.stream().filter(e -> e.at("/resources/0/name").asText().equals("st2")).findFirst().orElseThrow();
        assertThat(st2.path("activity_id").asInt()).isEqualTo(3);
    }
}
