package dev.parapet.core.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportWriterTest {

    @Test
    void publishesEachFormatUnderADatedKeyAndAsLatest(@TempDir Path dir) throws Exception {
        ReportModel model = ReportFixture.model();
        List<ReportWriter.Published> published = new ReportWriter(new LocalDirectoryTarget(dir), "reports")
                .publish(model, List.of(ReportFormat.values()));
        assertThat(published).extracting(ReportWriter.Published::datedKey).containsExactly(
                "reports/2026/03/05/20260305T093000Z/report.html", "reports/2026/03/05/20260305T093000Z/report.json",
                "reports/2026/03/05/20260305T093000Z/findings.csv",
                "reports/2026/03/05/20260305T093000Z/findings.ocsf.jsonl");
        for (ReportWriter.Published p : published) {
            byte[] expected = ReportFixture.render(p.format(), model);
            assertThat(Files.readAllBytes(dir.resolve(p.datedKey()))).isEqualTo(expected);
            assertThat(Files.readAllBytes(dir.resolve(p.latestKey()))).isEqualTo(expected);
            assertThat(p.bytes()).isEqualTo(expected.length);
            assertThat(p.latestKey()).isEqualTo("reports/latest/" + p.format().fileName());
        }
        assertThat(files(dir)).hasSize(8); // no temporary file left behind
    }

    @Test
    void aLaterReportReplacesLatestAndKeepsTheEarlierDatedCopy(@TempDir Path dir) throws Exception {
        ReportModel first = ReportFixture.model();
        ReportWriter writer = new ReportWriter(new LocalDirectoryTarget(dir), "");
        writer.publish(first, List.of(ReportFormat.JSON));
        ReportModel later = new ReportModel(first.generatedAt().plus(Duration.ofDays(1)), first.scans(), List.of(), 0,
                first.score(), first.compliance(), first.history(), first.changes(), first.delta(), first.remediation());
        writer.publish(later, List.of(ReportFormat.JSON));
        assertThat(dir.resolve("2026/03/05/20260305T093000Z/report.json")).exists();
        assertThat(dir.resolve("2026/03/06/20260306T093000Z/report.json")).exists();
        assertThat(Files.readAllBytes(dir.resolve("latest/report.json")))
                .isEqualTo(ReportFixture.render(ReportFormat.JSON, later));
    }

    @Test
    void keysAndPrefixesCannotLeaveTheTarget(@TempDir Path dir) {
        LocalDirectoryTarget target = new LocalDirectoryTarget(dir);
        assertThatThrownBy(() -> target.resolve("../escape.html")).hasMessageContaining("points outside");
        assertThatThrownBy(() -> target.resolve("a/../../escape.html")).hasMessageContaining("points outside");
        assertThatThrownBy(() -> target.resolve("/etc/passwd")).hasMessageContaining("not a relative");
        assertThatThrownBy(() -> target.resolve("")).hasMessageContaining("not a relative");
        assertThatThrownBy(() -> new ReportWriter(target, "../up")).hasMessageContaining("without '..'");
        assertThatThrownBy(() -> new ReportWriter(target, "/abs")).hasMessageContaining("relative");
        assertThat(target.resolve("a/./b.html")).isEqualTo(dir.toAbsolutePath().normalize().resolve("a/b.html"));
    }

    @Test
    void anUnwritableTargetFailsWithTheCause(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("not-a-directory");
        Files.writeString(file, "x");
        ReportWriter writer = new ReportWriter(new LocalDirectoryTarget(file), "");
        assertThatThrownBy(() -> writer.publish(ReportFixture.model(), List.of(ReportFormat.CSV)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void formatListsParseAndNameWhatTheyDoNotKnow() {
        assertThat(ReportFormat.parseList("html, JSON,csv,ocsf,html")).containsExactly(ReportFormat.HTML,
                ReportFormat.JSON, ReportFormat.CSV, ReportFormat.OCSF);
        assertThatThrownBy(() -> ReportFormat.parseList("html,pdf"))
                .hasMessage("unknown report format 'pdf' (expected some of html, json, csv, ocsf)");
        assertThatThrownBy(() -> ReportFormat.parseList(" ")).hasMessageContaining("no report format");
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return new ArrayList<>(s.filter(Files::isRegularFile).toList());
        }
    }
}
