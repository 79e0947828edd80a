package dev.parapet.cli;

import dev.parapet.cli.estate.EstateFiles;
import dev.parapet.core.ingest.InputReader;
import dev.parapet.core.ingest.ParseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SampleCommandTest {

    @Test
    void writesAnEstateTheReaderReadsAndReplacesItOnTheNextRun(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("estate");
        CliRun first = CliRun.of("sample", "--resources", "400", "--seed", "9", "--output", out.toString());
        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
        assertThat(first.out()).contains("wrote 400 resources (aws 134, azure 133, gcp 133;");
        assertThat(read(out).problems()).isEmpty();
        assertThat(read(out).resources()).hasSize(400);

        CliRun second = CliRun.of("sample", "--resources", "40", "--seed", "9", "--output", out.toString());
        assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCodes.OK);
        assertThat(read(out).resources()).as("files of the first run are gone").hasSize(40);
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile).count())
                    .isEqualTo(Files.readAllLines(out.resolve(EstateFiles.INDEX)).size() + 1);
        }
    }

    @Test
    void refusesADirectoryThatHoldsSomethingElse(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        CliRun run = CliRun.of("sample", "--output", dir.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("is not empty and holds no earlier sample");
        assertThat(Files.readString(dir.resolve("notes.txt"))).isEqualTo("mine");
    }

    @Test
    void refusesAnIndexThatPointsOutsideTheDirectory(@TempDir Path dir) throws IOException {
        Path out = Files.createDirectories(dir.resolve("estate"));
        Files.writeString(dir.resolve("precious.json"), "{}");
        Files.writeString(out.resolve(EstateFiles.INDEX), "../precious.json\n");
        CliRun run = CliRun.of("sample", "--resources", "10", "--output", out.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("names a file outside");
        assertThat(dir.resolve("precious.json")).exists();
    }

    private static ParseResult read(Path dir) {
        return InputReader.read(List.of(dir), Instant.parse("2026-11-02T06:00:00Z"), p -> { });
    }
}
