package dev.parapet.cli.estate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The estate bundled in the jar under {@value #ROOT}: {@value #RESOURCES} resources generated with seed
 * {@value #SEED}. Regenerate it with
 * {@code java -jar cli/target/parapet.jar sample --output cli/src/main/resources/parapet/demo} (the defaults of
 * {@code parapet sample} are these values); DemoEstateTest fails when the bundled files and the generator differ.
 */
public final class DemoEstate {
    public static final int RESOURCES = 450;
    public static final long SEED = 20261102L;
    public static final String ROOT = "parapet/demo";

    private DemoEstate() {
    }

    public static SampleEstate.Estate generate() {
        return SampleEstate.generate(RESOURCES, SEED);
    }

    /** Relative paths of the bundled files, from the bundled index. */
    public static List<String> files() throws IOException {
        String index = new String(open(EstateFiles.INDEX).readAllBytes(), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (String line : index.split("\n")) {
            if (!line.isBlank()) {
                out.add(line.trim());
            }
        }
        return out;
    }

    /** Copies the bundled files below {@code dir} (works from the jar too), for the input reader to read. */
    public static Path copyTo(Path dir) throws IOException {
        for (String relative : files()) {
            Path target = dir.resolve(relative);
            Files.createDirectories(target.getParent());
            try (InputStream in = open(relative)) {
                Files.copy(in, target);
            }
        }
        return dir;
    }

    private static InputStream open(String relative) throws IOException {
        InputStream in = DemoEstate.class.getClassLoader().getResourceAsStream(ROOT + "/" + relative);
        if (in == null) {
            throw new IOException(ROOT + "/" + relative + " is missing from the classpath");
        }
        return in;
    }
}
