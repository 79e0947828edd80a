package dev.parapet.core.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.parapet.core.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Parses input text as exactly one JSON value. Jackson's default reads the first value and silently ignores what
 * follows, which would turn a JSON Lines file saved as .json, or a truncated concatenation, into one resource.
 */
final class StrictJson {
    private static final ObjectReader READER = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictJson() {
    }

    /** The value, or a MissingNode when the text holds no value at all. */
    static JsonNode parse(String text) throws JsonProcessingException {
        return READER.readTree(text);
    }

    /** What was wrong, in words: Jackson's own text, except for trailing content, whose text names its internals. */
    static String describe(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        return message.startsWith("Trailing token") ? "more content follows the first JSON value" : message;
    }

    /** Reads through the path's own file system, so inputs inside a jar (the bundled demo estate) work too. */
    static JsonNode parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return READER.readTree(in);
        }
    }
}
