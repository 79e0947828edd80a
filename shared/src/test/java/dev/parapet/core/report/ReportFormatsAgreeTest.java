package dev.parapet.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.json.Json;
import dev.parapet.core.score.Recommendation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The four formats of one report carry the same numbers, and those numbers are the fixture's hand-computed ones. */
class ReportFormatsAgreeTest {
    private static ReportModel model;
    private static JsonNode json;
    private static Map<String, String> html;
    private static List<List<String>> csv;
    private static List<JsonNode> ocsf;

    @BeforeAll
    static void render() throws Exception {
        model = ReportFixture.model();
        json = Json.MAPPER.readTree(ReportFixture.render(ReportFormat.JSON, model));
        html = ReportParsing.metrics(new String(ReportFixture.render(ReportFormat.HTML, model), StandardCharsets.UTF_8));
        csv = ReportParsing.csv(new String(ReportFixture.render(ReportFormat.CSV, model), StandardCharsets.UTF_8));
        ocsf = new ArrayList<>();
        for (String line : new String(ReportFixture.render(ReportFormat.OCSF, model), StandardCharsets.UTF_8).split("\n")) {
            ocsf.add(Json.MAPPER.readTree(line));
        }
    }

    @Test
    void overallScoreIsTheHandComputedOneInJsonAndHtml() {
        // Controls: network 4×1/3, configurations 0/4, MFA 10×1/3, transit 4×2/4, at rest 4/4 → 10.667 / 26.
        assertThat(json.at("/score/overall/percent").decimalValue()).isEqualByComparingTo("41.03");
        assertThat(json.at("/score/overall/score").decimalValue()).isEqualByComparingTo("10.67");
        assertThat(json.at("/score/overall/maxScore").decimalValue()).isEqualByComparingTo("26.00");
        assertThat(new BigDecimal(html.get("overall.percent"))).isEqualByComparingTo("41.03");
        assertThat(new BigDecimal(html.get("overall.score"))).isEqualByComparingTo("10.67");
        assertThat(new BigDecimal(html.get("overall.max"))).isEqualByComparingTo("26.00");
        // previous overall point 55 → −13.97
        assertThat(new BigDecimal(html.get("overall.change"))).isEqualByComparingTo("-13.97");
        assertThat(json.at("/changes/0/change").decimalValue()).isEqualByComparingTo("-13.97");
    }

    @Test
    void scopeScoresAgreeBetweenJsonAndHtml() {
        for (JsonNode p : json.at("/score/byProvider")) {
            String key = "provider." + p.path("id").asText();
            assertThat(new BigDecimal(html.get(key + ".percent"))).as(key).isEqualByComparingTo(p.path("percent").decimalValue());
            assertThat(new BigDecimal(html.get(key + ".score"))).as(key).isEqualByComparingTo(p.path("score").decimalValue());
            assertThat(Integer.parseInt(html.get(key + ".fail"))).as(key).isEqualTo(p.at("/findings/fail").asInt());
            String card = "cloud." + p.path("id").asText();
            assertThat(new BigDecimal(html.get(card + ".percent"))).as(card).isEqualByComparingTo(p.path("percent").decimalValue());
        }
        for (JsonNode c : json.path("changes")) {
            String key = c.path("id").asText().isEmpty() ? "overall" : "cloud." + c.path("id").asText();
            assertThat(new BigDecimal(html.get(key + ".change"))).as(key).isEqualByComparingTo(c.path("change").decimalValue());
        }
        assertThat(new BigDecimal(html.get("cloud.azure.change"))).isEqualByComparingTo("-20");
        for (JsonNode a : json.at("/score/byAccount")) {
            String key = "account." + a.path("id").asText();
            assertThat(new BigDecimal(html.get(key + ".percent"))).as(key).isEqualByComparingTo(a.path("percent").decimalValue());
        }
        List<String> providers = new ArrayList<>();
        json.at("/score/byProvider").forEach(p -> providers.add(p.path("id").asText()));
        assertThat(providers).containsExactly("aws", "azure", "gcp");
        assertThat(new BigDecimal(html.get("provider.aws.percent"))).isEqualByComparingTo("39.39");
        assertThat(new BigDecimal(html.get("provider.azure.percent"))).isEqualByComparingTo("50");
        for (JsonNode c : json.at("/score/overall/controls")) {
            String key = "control." + c.path("id").asText();
            assertThat(new BigDecimal(html.get(key + ".potential"))).as(key)
                    .isEqualByComparingTo(c.path("potentialIncrease").decimalValue());
            assertThat(Integer.parseInt(html.get(key + ".unhealthy"))).as(key).isEqualTo(c.path("unhealthyResources").asInt());
        }
    }

    @Test
    void findingCountsAgreeAcrossAllFormatsAndTheModel() {
        Map<String, Integer> csvByStatus = new HashMap<>();
        List<String> header = csv.get(0);
        int status = header.indexOf("status");
        for (List<String> row : csv.subList(1, csv.size())) {
            assertThat(row).hasSize(FindingsCsv.COLUMNS.size());
            csvByStatus.merge(row.get(status), 1, Integer::sum);
        }
        Map<Integer, Integer> ocsfByStatus = new HashMap<>();
        ocsf.forEach(e -> ocsfByStatus.merge(e.at("/compliance/status_id").asInt(), 1, Integer::sum));

        assertThat(model.findings()).hasSize(13);
        assertThat(csv).hasSize(1 + 13);
        assertThat(ocsf).hasSize(13);
        assertThat(json.path("findings")).hasSize(13);
        assertThat(json.at("/coverage/outOfScope").asInt()).isEqualTo(2);

        int pass = 5, fail = 7, error = 1;
        assertThat(json.at("/score/overall/findings/pass").asInt()).isEqualTo(pass);
        assertThat(json.at("/score/overall/findings/fail").asInt()).isEqualTo(fail);
        assertThat(json.at("/score/overall/findings/error").asInt()).isEqualTo(error);
        assertThat(html).containsEntry("findings.pass", "5").containsEntry("findings.fail", "7")
                .containsEntry("findings.error", "1").containsEntry("findings.total", "13")
                .containsEntry("findings.resources", "13");
        assertThat(csvByStatus).containsEntry("PASS", pass).containsEntry("FAIL", fail).containsEntry("ERROR", error);
        assertThat(ocsfByStatus).containsEntry(1, pass).containsEntry(3, fail).containsEntry(2, error);
        assertThat(html).containsEntry("fail.CRITICAL", "1").containsEntry("fail.HIGH", "5").containsEntry("fail.MEDIUM", "1");
        assertThat(json.at("/score/overall/findings/failBySeverity/HIGH").asInt()).isEqualTo(5);
        assertThat(ocsf.stream().filter(e -> e.at("/compliance/status_id").asInt() == 3)
                .filter(e -> e.path("severity_id").asInt() == 4).count()).isEqualTo(5);
    }

    @Test
    void everyFormatListsTheSameFindingKeys() {
        Set<String> fromModel = new HashSet<>();
        model.findings().forEach(f -> fromModel.add(f.key()));
        Set<String> fromJson = new HashSet<>();
        json.path("findings").forEach(f -> fromJson.add(f.path("key").asText()));
        Set<String> fromCsv = new HashSet<>();
        csv.subList(1, csv.size()).forEach(r -> fromCsv.add(r.get(0)));
        Set<String> fromOcsf = new HashSet<>();
        ocsf.forEach(e -> fromOcsf.add(e.at("/finding_info/uid").asText()));
        assertThat(fromModel).hasSize(13);
        assertThat(fromJson).isEqualTo(fromModel);
        assertThat(fromCsv).isEqualTo(fromModel);
        assertThat(fromOcsf).isEqualTo(fromModel);
    }

    @Test
    void recommendationsRankedByPotentialAndAgreeBetweenJsonAndHtml() {
        List<Recommendation> recs = model.score().recommendations();
        // MFA: 10/3 × 2 = 6.67; IMDSv2: 4/1 × 1 = 4; S3: 4/3 × 2 = 2.67; then 1 point each, CRITICAL first.
        assertThat(recs).extracting(Recommendation::ruleId).containsExactly("aws-iam-user-mfa", "aws-ec2-imdsv2",
                "aws-s3-public-access", "gcp-sql-ssl", "azure-storage-https");
        JsonNode jsonRecs = json.at("/score/recommendations");
        for (int i = 0; i < recs.size(); i++) {
            String key = "rec." + jsonRecs.get(i).path("ruleId").asText();
            assertThat(new BigDecimal(html.get(key + ".potential"))).as(key)
                    .isEqualByComparingTo(jsonRecs.get(i).path("potentialIncrease").decimalValue());
            assertThat(new BigDecimal(html.get(key + ".potentialPercent"))).as(key)
                    .isEqualByComparingTo(jsonRecs.get(i).path("potentialIncreasePercent").decimalValue());
            assertThat(Integer.parseInt(html.get(key + ".resources"))).as(key)
                    .isEqualTo(jsonRecs.get(i).path("unhealthyResources").asInt());
        }
        assertThat(new BigDecimal(html.get("rec.aws-iam-user-mfa.potential"))).isEqualByComparingTo("6.67");
        assertThat(new BigDecimal(html.get("rec.aws-iam-user-mfa.potentialPercent"))).isEqualByComparingTo("25.64");
    }

    @Test
    void complianceAndDeltaAgreeBetweenJsonAndHtml() {
        for (JsonNode s : json.path("compliance")) {
            String key = "compliance." + s.path("id").asText();
            assertThat(Integer.parseInt(html.get(key + ".passed"))).as(key).isEqualTo(s.path("passed").asInt());
            assertThat(Integer.parseInt(html.get(key + ".failed"))).as(key).isEqualTo(s.path("failed").asInt());
            assertThat(Integer.parseInt(html.get(key + ".notAssessed"))).as(key).isEqualTo(s.path("notAssessed").asInt());
        }
        assertThat(html).containsEntry("compliance.CIS-AWS-7.0.0.passed", "1")
                .containsEntry("compliance.CIS-AWS-7.0.0.failed", "1")
                .containsEntry("compliance.AWS-FSBP.failed", "2")
                .containsEntry("compliance.MCSB.failed", "3");
        JsonNode fsbp = null;
        for (JsonNode s : json.path("compliance")) {
            if (s.path("id").asText().equals("AWS-FSBP")) {
                fsbp = s;
            }
        }
        assertThat(fsbp).isNotNull();
        JsonNode s38 = null;
        for (JsonNode r : fsbp.path("requirements")) {
            if (r.path("id").asText().equals("S3.8")) {
                s38 = r;
            }
        }
        assertThat(s38.path("failing").findValuesAsText("id"))
                .containsExactlyInAnyOrder(ReportFixture.HOSTILE_ID, "arn:aws:s3:::logs");

        assertThat(json.at("/delta/counts/new").asInt()).isEqualTo(2);
        assertThat(json.at("/delta/counts/fixed").asInt()).isEqualTo(1);
        assertThat(json.at("/delta/counts/stillFailing").asInt()).isEqualTo(5);
        Set<String> findingKeys = new HashSet<>();
        json.path("findings").forEach(f -> findingKeys.add(f.path("key").asText()));
        List<String> still = new ArrayList<>();
        json.at("/delta/stillFailing").forEach(k -> still.add(k.asText()));
        assertThat(still).hasSize(5);
        assertThat(findingKeys).containsAll(still);
        assertThat(html).containsEntry("delta.new", "2").containsEntry("delta.fixed", "1").containsEntry("delta.still", "5");
        assertThat(json.at("/delta/new").findValuesAsText("ruleId"))
                .containsExactly("aws-s3-public-access", "aws-iam-user-mfa");
    }
}
