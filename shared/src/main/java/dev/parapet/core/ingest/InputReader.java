package dev.parapet.core.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads files and directories (recursively: .json, .jsonl, .ndjson) into resources. A bad file or line is a problem
 * named by path and line; everything else is still read. Halves of one Cloud Asset found anywhere in the inputs
 * (RESOURCE and IAM_POLICY content) are joined into one resource ({@link GcpAssetMerger}).
 */
public final class InputReader {
    private InputReader() {
    }

    /** Expands directories into the input files beneath them, sorted for a deterministic order. */
    public static List<Path> expand(List<Path> inputs, List<InputProblem> problems) {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(Files::isRegularFile).filter(InputReader::isInputFile).sorted().forEach(files::add);
                } catch (IOException e) {
                    problems.add(new InputProblem(input.toString(), "cannot list directory: " + e.getMessage()));
                }
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                problems.add(new InputProblem(input.toString(), "no such file or directory"));
            }
        }
        return files;
    }

    static boolean isInputFile(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson");
    }

    /** Reads every input; {@code progress} is told each file's path once it is read. */
    public static ParseResult read(List<Path> inputs, Instant now, Consumer<Path> progress) {
        List<InputProblem> listing = new ArrayList<>();
        List<Path> files = expand(inputs, listing);
        ParseResult.Builder all = new ParseResult.Builder();
        listing.forEach(p -> all.problem(p.source(), p.reason()));
        for (Path file : files) {
            all.add(readFile(file, now));
            progress.accept(file);
        }
        return GcpAssetMerger.merge(all.build());
    }

    public static ParseResult readFile(Path file, Instant now) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String source = file.toString();
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return readLines(file, now);
        }
        JsonNode root;
        try {
            root = StrictJson.parse(file);
        } catch (JsonProcessingException e) {
            String reason = StrictJson.describe(e);
            String hint = reason.startsWith("more content")
                    ? " (a .json file holds one value; JSON Lines belong in a .jsonl file)" : "";
            return ParseResult.problem(source, "not valid JSON" + at(e) + ": " + reason + hint);
        } catch (IOException e) {
            return ParseResult.problem(source, "cannot read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            return ParseResult.problem(source, "file is empty");
        }
        return ResourceParser.parse(root, source, now);
    }

    private static String at(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
    }

    private static ParseResult readLines(Path file, Instant now) {
        ParseResult.Builder all = new ParseResult.Builder();
        int values = 0;
        int number = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) { // a byte-order mark some Windows tools write
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                values++;
                String where = file + " line " + number;
                try {
                    all.add(ResourceParser.parse(StrictJson.parse(line), where, now));
                } catch (JsonProcessingException e) {
                    String column = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
                    all.add(ParseResult.problem(where, "not valid JSON" + column + ": " + StrictJson.describe(e)));
                }
            }
        } catch (CharacterCodingException e) {
            all.problem(file.toString(), "not UTF-8 text at or after line " + (number + 1)
                    + "; the rest of the file was not read");
            values = -1;
        } catch (IOException e) {
            all.problem(file.toString(), "cannot read: " + e.getMessage());
            values = -1;
        }
        if (values == 0) {
            all.problem(file.toString(), "file is empty (no JSON lines)");
        }
        return GcpAssetMerger.merge(all.build());
    }
}
