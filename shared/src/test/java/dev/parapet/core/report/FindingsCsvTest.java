package dev.parapet.core.report;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FindingsCsvTest {

    @Test
    void quotesExactlyTheFieldsRfc4180Requires() {
        assertThat(FindingsCsv.field("plain value")).isEqualTo("plain value");
        assertThat(FindingsCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(FindingsCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(FindingsCsv.field("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
        assertThat(FindingsCsv.field("lf\nonly")).isEqualTo("\"lf\nonly\"");
        assertThat(FindingsCsv.field("")).isEmpty();
    }

    @Test
    void everyFindingRoundTripsThroughAStrictParser() throws Exception {
        ReportModel model = ReportFixture.model();
        String text = new String(ReportFixture.render(ReportFormat.CSV, model), StandardCharsets.UTF_8);
        assertThat(text).startsWith(String.join(",", FindingsCsv.COLUMNS) + "\r\n").endsWith("\r\n");
        List<List<String>> rows = ReportParsing.csv(text);
        assertThat(rows.get(0)).isEqualTo(FindingsCsv.COLUMNS);
        assertThat(rows).hasSize(model.findings().size() + 1);
        for (int i = 0; i < model.findings().size(); i++) {
            var f = model.findings().get(i);
            List<String> row = rows.get(i + 1);
            assertThat(row).hasSize(FindingsCsv.COLUMNS.size());
            assertThat(row.get(0)).isEqualTo(f.key());
            assertThat(row.get(5)).isEqualTo(f.finding().resource().id());
            assertThat(row.get(6)).isEqualTo(f.finding().resource().name());
            assertThat(row.get(8)).isEqualTo(f.finding().title());
        }
        List<String> hostile = rows.stream().filter(r -> r.get(5).equals(ReportFixture.HOSTILE_ID)).findFirst().orElseThrow();
        assertThat(hostile.get(6)).isEqualTo(ReportFixture.HOSTILE_NAME);
        assertThat(hostile.get(8)).isEqualTo(ReportFixture.HOSTILE_TITLE);
        assertThat(hostile.get(13)).isEqualTo("AWS-FSBP:S3.8;CIS-AWS-7.0.0:3.1.4;MCSB:NS-2");
        assertThat(hostile.get(19)).isEqualTo("{\"publicAccessBlock\":\"not configured, \\\"none\\\"\\nsecond line\"}");
        // the raw text carried the quotes doubled and the comma inside quotes
        assertThat(text).contains("\"Bucket <i>blocks</i> public access & \"\"more\"\"\"");
    }

    @Test
    void complianceColumnKeepsTheFindingsOrder() {
        assertThat(FindingsCsv.compliance(Map.of())).isEmpty();
        assertThat(FindingsCsv.compliance(new java.util.TreeMap<>(Map.of("MCSB", List.of("NS-2", "DP-2"),
                "AWS-FSBP", List.of("S3.8"))))).isEqualTo("AWS-FSBP:S3.8;MCSB:NS-2;MCSB:DP-2");
    }
}
