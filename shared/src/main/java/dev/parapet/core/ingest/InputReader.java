package dev.parapet.core.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.json.Json;

import java.io.BufferedReader;
import java.io.IOException;
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
 * named by path and line; everything else is still read.
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
        return all.build();
    }

    public static ParseResult readFile(Path file, Instant now) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String source = file.toString();
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return readLines(file, now);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            return ParseResult.problem(source, "not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            return ParseResult.problem(source, "cannot read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            return ParseResult.problem(source, "file is empty");
        }
        return ResourceParser.parse(root, source, now);
    }

    private static ParseResult readLines(Path file, Instant now) {
        ParseResult.Builder all = new ParseResult.Builder();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String where = file + " line " + number;
                try {
                    all.add(ResourceParser.parse(Json.MAPPER.readTree(line), where, now));
                } catch (JsonProcessingException e) {
                    all.add(ParseResult.problem(where, "not valid JSON: " + e.getOriginalMessage()));
                }
            }
        } catch (IOException e) {
            all.add(ParseResult.problem(file.toString(), "cannot read: " + e.getMessage()));
        }
        return all.build();
    }
}
