package dev.parapet.cli;

import dev.parapet.core.store.FindingFilter;
import dev.parapet.core.store.Store;
import dev.parapet.core.store.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest {
    @Test
    void demoAssessesTheBundledEstateIntoTheStoreAndPrintsScoreControlsAndRecommendations(@TempDir Path dir) {
        String store = "sqlite:" + dir.resolve("demo.db");
        CliRun first = CliRun.of("demo", "--store", store);
        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
        assertThat(first.out()).containsPattern("Secure score: \\d+%  \\(450 resources")
                .contains("By cloud and account").contains("aws").contains("azure").contains("gcp")
                .contains("By security control").contains("Top recommendations").contains("Compliance");
        assertThat(first.err()).contains("sample estate: 450 resources").contains("stored as scan");

        CliRun second = CliRun.of("demo", "--store", store, "-q");
        assertThat(second.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(second.out()).as("the same estate scores the same").isEqualTo(first.out());
        try (Store s = Stores.open(store)) {
            assertThat(s.scans(10)).hasSize(2).allSatisfy(scan -> assertThat(scan.state()).isEqualTo("COMPLETE"));
            assertThat(s.findings(FindingFilter.CURRENT)).hasSize(countFindings(first.out()));
        }
    }

    private static int countFindings(String out) {
        var m = java.util.regex.Pattern.compile("\\(450 resources, (\\d+) findings").matcher(out);
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
