package dev.parapet.core.ingest;

import dev.parapet.core.model.Resource;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample documents under test resources inputs/, read as the CLI reads them. */
final class Inputs {
    /** The read time handed to the parser: documents without a time of their own are observed at it. */
    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    private Inputs() {
    }

    static Path path(String relative) {
        URL url = Inputs.class.getClassLoader().getResource("inputs/" + relative);
        assertThat(url).as("test resource inputs/%s", relative).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ParseResult read(String relative) {
        return InputReader.readFile(path(relative), NOW);
    }

    /** Reads a file that must yield exactly one resource and no problem. */
    static Resource single(String relative) {
        ParseResult parsed = read(relative);
        assertThat(parsed.problems()).as("problems reading %s", relative).isEmpty();
        assertThat(parsed.resources()).as("resources in %s", relative).hasSize(1);
        return parsed.resources().get(0);
    }
}
