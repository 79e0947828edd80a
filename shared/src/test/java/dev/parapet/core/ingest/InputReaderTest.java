package dev.parapet.core.ingest;

import dev.parapet.core.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Files, lines and directories; every malformed input is a problem naming its source and reason. */
class InputReaderTest {

    @Test
    void notJsonNamesPathLineAndColumn() {
        ParseResult parsed = Inputs.read("malformed/not-json.json");
        assertThat(parsed.resources()).isEmpty();
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(Inputs.path("malformed/not-json.json").toString());
            assertThat(p.reason()).startsWith("not valid JSON at line 5, column 3:");
        });
    }

    @Test
    void jsonOfNoRecognisedFormatSaysWhatWasExpected() {
        ParseResult parsed = Inputs.read("malformed/unrecognised.json");
        assertThat(parsed.resources()).isEmpty();
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(Inputs.path("malformed/unrecognised.json").toString());
            assertThat(p.reason()).contains("not a recognised format", "AWS Config", "ARM", "Cloud Asset");
        });
    }

    @Test
    void emptyFilesAreProblems(@TempDir Path dir) throws IOException {
        assertThat(Inputs.read("malformed/empty.json").problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).isEqualTo("file is empty"));
        Path blank = Files.writeString(dir.resolve("blank.json"), "  \n\t\n");
        assertThat(InputReader.readFile(blank, Inputs.NOW).problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).isEqualTo("file is empty"));
        Path emptyLines = Files.writeString(dir.resolve("none.jsonl"), "\n\n");
        assertThat(InputReader.readFile(emptyLines, Inputs.NOW).problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(emptyLines.toString());
            assertThat(p.reason()).contains("empty");
        });
    }

    @Test
    void jsonLinesWithOneBadLineNameItByNumberAndKeepTheRest() {
        ParseResult parsed = Inputs.read("malformed/export-one-bad-line.jsonl");
        assertThat(parsed.resources()).extracting(Resource::type).containsExactly(
                "cloudresourcemanager.googleapis.com/Project", "storage.googleapis.com/Bucket",
                "compute.googleapis.com/Firewall");
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(Inputs.path("malformed/export-one-bad-line.jsonl") + " line 2");
            assertThat(p.reason()).startsWith("not valid JSON at column ");
        });
    }

    @Test
    void jsonLinesSavedAsJsonIsAProblemNotOneSilentResource() {
        ParseResult parsed = Inputs.read("malformed/jsonl-named-json.json");
        assertThat(parsed.resources()).isEmpty();
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.reason()).contains("line 2", "more content follows the first JSON value", ".jsonl");
        });
    }

    @Test
    void trailingGarbageOnAJsonLineIsAProblem(@TempDir Path dir) throws IOException {
        String line = Files.readString(Inputs.path("gcp/export.jsonl")).lines().findFirst().orElseThrow();
        Path file = Files.writeString(dir.resolve("x.ndjson"), line + "\n" + line + " {}\n");
        ParseResult parsed = InputReader.readFile(file, Inputs.NOW);
        assertThat(parsed.resources()).hasSize(1);
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(file + " line 2");
            assertThat(p.reason()).contains("more content follows the first JSON value");
        });
    }

    @Test
    void aByteOrderMarkBeforeTheFirstLineIsTolerated(@TempDir Path dir) throws IOException {
        String lines = Files.readString(Inputs.path("gcp/export.jsonl"));
        Path jsonl = Files.writeString(dir.resolve("bom.jsonl"), "\uFEFF" + lines);
        assertThat(InputReader.readFile(jsonl, Inputs.NOW).problems()).isEmpty();
        Path json = Files.writeString(dir.resolve("bom.json"), "\uFEFF" + Files.readString(Inputs.path("gcp/asset-bucket.json")));
        assertThat(InputReader.readFile(json, Inputs.NOW).resources()).hasSize(1);
    }

    @Test
    void bytesThatAreNotUtf8AreNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.jsonl");
        Files.write(file, "{\"name\":\"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(InputReader.readFile(file, Inputs.NOW).problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(file.toString());
            assertThat(p.reason()).contains("not UTF-8", "line 1");
        });
    }

    @Test
    void missingPathIsAProblemAndTheOtherInputsAreStillRead() {
        Path missing = Inputs.path("aws").resolve("no-such-file.json");
        ParseResult parsed = InputReader.read(List.of(missing, Inputs.path("aws/configuration-item.json")), Inputs.NOW, f -> { });
        assertThat(parsed.resources()).hasSize(1);
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(missing.toString());
            assertThat(p.reason()).isEqualTo("no such file or directory");
        });
    }

    @Test
    void directoriesAreReadRecursivelyInSortedOrderAndOnlyJsonFilesCount(@TempDir Path dir) throws IOException {
        Path nested = Files.createDirectories(dir.resolve("b/deeper"));
        Files.createDirectories(dir.resolve("a"));
        Files.copy(Inputs.path("gcp/export.jsonl"), nested.resolve("export.jsonl"));
        Files.copy(Inputs.path("azure/arm-get-storage-account.json"), dir.resolve("a/storage.JSON"));
        Files.copy(Inputs.path("aws/configuration-item.json"), dir.resolve("c.ndjson.json"));
        Files.writeString(dir.resolve("b/item.ndjson"), Files.readString(Inputs.path("aws/configuration-item.json"))
                .replaceAll("\\s*\\n\\s*", "") + "\n");
        Files.writeString(dir.resolve("notes.txt"), "not an input");
        Files.writeString(dir.resolve("b/rules.yaml"), "id: x");

        List<Path> seen = new ArrayList<>();
        ParseResult parsed = InputReader.read(List.of(dir), Inputs.NOW, seen::add);

        assertThat(parsed.problems()).isEmpty();
        assertThat(seen).extracting(p -> dir.relativize(p).toString().replace('\\', '/'))
                .containsExactly("a/storage.JSON", "b/deeper/export.jsonl", "b/item.ndjson", "c.ndjson.json");
        assertThat(parsed.resources()).extracting(Resource::type).containsExactly(
                "Microsoft.Storage/storageAccounts",
                "cloudresourcemanager.googleapis.com/Project", "storage.googleapis.com/Bucket", "compute.googleapis.com/Firewall",
                "AWS::S3::Bucket", "AWS::S3::Bucket");
        assertThat(InputReader.read(List.of(dir), Inputs.NOW, f -> { }).resources())
                .as("the same order every time").extracting(Resource::id)
                .containsExactlyElementsOf(parsed.resources().stream().map(Resource::id).toList());
    }

    @Test
    void topLevelValuesThatAreNotDocumentsAreProblemsNamingTheirPlace(@TempDir Path dir) throws IOException {
        Path scalar = Files.writeString(dir.resolve("s.json"), "\"just text\"");
        assertThat(InputReader.readFile(scalar, Inputs.NOW).problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).isEqualTo("expected a JSON object or array, found string"));
        Path nested = Files.writeString(dir.resolve("n.json"), "[[], 3, null]");
        assertThat(InputReader.readFile(nested, Inputs.NOW).problems()).extracting(InputProblem::toString).containsExactly(
                nested + "[0]: expected a JSON object, found array",
                nested + "[1]: expected a JSON object, found number",
                nested + "[2]: expected a JSON object, found null");
        Path nul = Files.writeString(dir.resolve("null.json"), "null");
        assertThat(InputReader.readFile(nul, Inputs.NOW).problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).isEqualTo("empty document"));
    }

    @Test
    void oneArrayMayMixClouds(@TempDir Path dir) throws IOException {
        String mixed = "[" + Files.readString(Inputs.path("aws/configuration-item.json")) + ","
                + Files.readString(Inputs.path("azure/other-casing.json")) + ","
                + Files.readString(Inputs.path("gcp/asset-bucket.json")) + "]";
        ParseResult parsed = InputReader.readFile(Files.writeString(dir.resolve("mixed.json"), mixed), Inputs.NOW);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.resources()).extracting(r -> r.provider().key()).containsExactly("aws", "azure", "gcp");
    }
}
