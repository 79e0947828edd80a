package dev.parapet.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.json.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OcsfReportTest {

    private static List<JsonNode> lines(ReportModel model) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        String text = new String(ReportFixture.render(ReportFormat.OCSF, model), StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        for (String line : text.split("\n")) {
            out.add(Json.MAPPER.readTree(line));
        }
        return out;
    }

    @Test
    void everyEventHasTheClassRequiredAttributesWithTheirTypes() throws Exception {
        OcsfValidator validator = new OcsfValidator();
        List<JsonNode> events = lines(ReportFixture.model());
        assertThat(events).hasSize(13);
        for (JsonNode e : events) {
            assertThat(validator.problems(e)).as(e.toString()).isEmpty();
        }
    }

    @Test
    void theValidatorCatchesWhatItChecks() throws Exception {
        OcsfValidator validator = new OcsfValidator();
        ObjectNode e = (ObjectNode) lines(ReportFixture.model()).get(0);
        e.remove("finding_info");
        e.put("severity_id", 7);
        e.put("type_uid", 200301 + 50);
        ((ObjectNode) e.path("compliance")).putArray("standards").add(3);
        ((ObjectNode) e.path("cloud")).remove("provider");
        e.put("made_up", true);
        assertThat(validator.problems(e)).containsExactlyInAnyOrder(
                "event.finding_info is required",
                "event.severity_id = 7 is not one of [0,1,2,3,4,5,6,99]",
                "event.type_uid is 200351, expected " + (200300 + e.path("activity_id").asInt()),
                "event.compliance.standards[0] is not string: 3",
                "event.cloud.provider is required",
                "event.made_up is not an attribute this schema defines");
    }

    @Test
    void mapsStatusSeverityLifecycleAndComplianceOfEachFinding() throws Exception {
        List<JsonNode> events = lines(ReportFixture.model());
        JsonNode hostile = events.stream().filter(e -> e.at("/resources/0/uid").asText().equals(ReportFixture.HOSTILE_ID))
                .findFirst().orElseThrow();
        assertThat(hostile.path("severity_id").asInt()).isEqualTo(4);
        assertThat(hostile.at("/compliance/status_id").asInt()).isEqualTo(3);
        assertThat(hostile.at("/compliance/standards").toString()).isEqualTo("[\"AWS-FSBP\",\"CIS-AWS-7.0.0\",\"MCSB\"]");
        assertThat(hostile.at("/compliance/requirements").toString())
                .isEqualTo("[\"AWS-FSBP S3.8\",\"CIS-AWS-7.0.0 3.1.4\",\"MCSB NS-2\"]");
        assertThat(hostile.at("/cloud/provider").asText()).isEqualTo("AWS");
        assertThat(hostile.at("/cloud/account/uid").asText()).isEqualTo("111122223333");
        assertThat(hostile.at("/resources/0/name").asText()).isEqualTo(ReportFixture.HOSTILE_NAME);
        assertThat(hostile.at("/remediation/desc").asText()).startsWith("Run <code>aws s3api");
        assertThat(hostile.path("activity_id").asInt()).isEqualTo(2); // seen before these scans
        assertThat(hostile.path("time").asLong()).isEqualTo(ReportFixture.NOW.toEpochMilli());

        JsonNode created = events.stream().filter(e -> e.at("/resources/0/uid").asText().equals("arn:aws:s3:::logs"))
                .findFirst().orElseThrow();
        assertThat(created.path("activity_id").asInt()).isEqualTo(1);
        assertThat(created.path("type_uid").asLong()).isEqualTo(200301);

        JsonNode closed = events.stream().filter(e -> e.at("/resources/0/uid").asText().equals("AIDA3")).findFirst()
                .orElseThrow();
        assertThat(closed.path("activity_id").asInt()).isEqualTo(3);
        assertThat(closed.path("status_id").asInt()).isEqualTo(4);
        assertThat(closed.at("/compliance/status_id").asInt()).isEqualTo(1);
        assertThat(closed.has("remediation")).isFalse(); // nothing to do for a passing check

        JsonNode error = events.stream().filter(e -> e.at("/compliance/status_id").asInt() == 2).findFirst().orElseThrow();
        assertThat(error.at("/compliance/status").asText()).isEqualTo("Warning");
        assertThat(error.at("/compliance/status_detail").asText()).isEqualTo("no such key: metadataOptions");

        JsonNode gcp = events.stream().filter(e -> e.at("/cloud/provider").asText().equals("GCP")).findFirst().orElseThrow();
        assertThat(gcp.path("severity_id").asInt()).isEqualTo(5); // CRITICAL
    }

    @Test
    void aRuleWithoutStandardsStillHasTheRequiredStandardsList() throws Exception {
        ReportModel model = ReportFixture.model();
        // aws-iam-user-mfa maps only to MCSB; strip its compliance to see the fallback
        var f = model.findings().stream().filter(x -> x.finding().ruleId().equals("aws-iam-user-mfa")).findFirst().orElseThrow();
        var bare = new dev.parapet.core.model.Finding(f.finding().ruleId(), f.finding().title(), f.finding().severity(),
                f.finding().status(), f.finding().resource(), f.finding().control(), java.util.Map.of(),
                f.finding().evidence(), f.finding().observedAt());
        ReportModel one = new ReportModel(model.generatedAt(), model.scans(),
                List.of(new dev.parapet.core.store.StoredFinding(f.key(), bare, f.state(), f.firstSeen(), f.lastSeen(),
                        null, null, 0, f.lastScanId())), 0, model.score(), model.compliance(), model.history(),
                model.changes(), model.delta(), model.remediation());
        JsonNode e = lines(one).get(0);
        assertThat(e.at("/compliance/standards").toString()).isEqualTo("[\"" + OcsfReport.OWN_STANDARD + "\"]");
        assertThat(e.at("/compliance/requirements").toString())
                .isEqualTo("[\"" + OcsfReport.OWN_STANDARD + " enable-mfa\"]");
        assertThat(new OcsfValidator().problems(e)).isEmpty();
    }

    @Test
    void noFindingsIsAnEmptyFile() throws Exception {
        ReportModel m = ReportFixture.model();
        ReportModel none = new ReportModel(m.generatedAt(), m.scans(), List.of(), 0, m.score(), m.compliance(),
                m.history(), m.changes(), m.delta(), m.remediation());
        assertThat(ReportFixture.render(ReportFormat.OCSF, none)).isEmpty();
    }

    @Test
    void arrayLayoutIsOneJsonArrayOfTheSameEvents() throws Exception {
        ReportModel model = ReportFixture.model();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OcsfReport.write(model, out, OcsfReport.Layout.ARRAY);
        JsonNode array = Json.MAPPER.readTree(out.toByteArray());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(13);
        assertThat(array.get(0)).isEqualTo(lines(model).get(0));
    }
}
