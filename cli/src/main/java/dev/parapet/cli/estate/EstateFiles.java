package dev.parapet.cli.estate;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an estate as files in the varied formats the clouds hand out, so that a demo exercises every input shape
 * the parser reads (see {@link AwsFiles}, {@link AzureFiles}, {@link GcpFiles}). Output is byte-for-byte
 * deterministic: same estate, same bytes, on any platform.
 */
public final class EstateFiles {
    /** Lists the written files, one relative path a line, so a classpath copy can be enumerated. */
    public static final String INDEX = "index.txt";

    private static final ObjectWriter PRETTY;

    static {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        PRETTY = Json.MAPPER.writer(printer);
    }

    private final Path root;
    private final List<String> written = new ArrayList<>();

    private EstateFiles(Path root) {
        this.root = root;
    }

    /** Writes every document of the estate below {@code dir}; returns the relative paths written, index last. */
    public static List<String> write(SampleEstate.Estate estate, Path dir) throws IOException {
        EstateFiles files = new EstateFiles(dir);
        Rand rand = new Rand(estate.seed() ^ 0x5eed_f11e5L);
        new AwsFiles(files, rand).write(estate.aws());
        new AzureFiles(files, rand).write(estate.azure());
        new GcpFiles(files).write(estate.gcp());
        files.text(INDEX, String.join("\n", files.written) + "\n");
        return List.copyOf(files.written);
    }

    void json(String relative, JsonNode document) throws IOException {
        text(relative, PRETTY.writeValueAsString(document) + "\n");
    }

    void lines(String relative, List<? extends JsonNode> documents) throws IOException {
        StringBuilder b = new StringBuilder();
        for (JsonNode d : documents) {
            b.append(Json.MAPPER.writeValueAsString(d)).append('\n');
        }
        text(relative, b.toString());
    }

    private void text(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        if (!relative.equals(INDEX)) {
            written.add(relative);
        }
    }

    static ArrayNode array(List<? extends JsonNode> documents) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        documents.forEach(a::add);
        return a;
    }

    static String text(ObjectNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
