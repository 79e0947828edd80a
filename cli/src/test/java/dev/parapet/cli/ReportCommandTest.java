package dev.parapet.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void anUnknownFormatIsAUsageErrorNamingIt() {
        CliRun run = CliRun.of("report", "--store", "sqlite:" + dir.resolve("s.db"), "--output", dir.toString(),
                "--formats", "html,pdf");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("unknown report format 'pdf'");
    }

    @Test
    void withoutAStoreOrAnOutputItIsAUsageError() {
        CliRun noOutput = CliRun.of("report", "--store", "sqlite:" + dir.resolve("s.db"));
        assertThat(noOutput.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noOutput.err()).contains("--output");
        CliRun badDays = CliRun.of("report", "--store", "sqlite:" + dir.resolve("s.db"), "--output", dir.toString(),
                "--history-days", "0");
        assertThat(badDays.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badDays.err()).contains("--history-days must be at least 1");
        CliRun badPrefix = CliRun.of("report", "--store", "sqlite:" + dir.resolve("s.db"), "--output", dir.toString(),
                "--prefix", "../up");
        assertThat(badPrefix.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badPrefix.err()).contains("without '..'");
    }
}
