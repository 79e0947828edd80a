package dev.parapet.cli;

import dev.parapet.cli.estate.DemoEstate;
import dev.parapet.cli.estate.EstateFiles;
import dev.parapet.cli.estate.SampleEstate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Writes a synthetic estate as real-format input files. With the defaults it regenerates the bundled demo estate:
 * {@code parapet sample --output cli/src/main/resources/parapet/demo}.
 */
@Command(name = "sample", hidden = true, mixinStandardHelpOptions = true,
        description = "Write a synthetic multi-cloud estate as native-format input files.")
public final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--resources", defaultValue = "" + DemoEstate.RESOURCES, description = "Number of resources (default: ${DEFAULT-VALUE}).")
    int resources;

    @Option(names = "--seed", defaultValue = "" + DemoEstate.SEED, description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--output", required = true, description = "Directory to write into; files of an earlier sample there are replaced.")
    Path output;

    @Override
    public Integer call() throws IOException {
        if (resources < 1) {
            throw new ParameterException(spec.commandLine(), "--resources must be at least 1, got " + resources);
        }
        clearEarlierSample();
        SampleEstate.Estate estate = SampleEstate.generate(resources, seed);
        List<String> written = EstateFiles.write(estate, output);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("wrote %d resources (aws %d, azure %d, gcp %d; %d misconfigured) in %d files to %s%n", estate.size(),
                estate.aws().size(), estate.azure().size(), estate.gcp().size(), estate.misconfigured(), written.size(), output);
        out.flush();
        return 0;
    }

    /** Deletes the files an earlier run listed in its index; refuses a non-empty directory that has no index. */
    private void clearEarlierSample() throws IOException {
        if (!Files.isDirectory(output)) {
            return;
        }
        Path index = output.resolve(EstateFiles.INDEX);
        if (!Files.exists(index)) {
            try (Stream<Path> entries = Files.list(output)) {
                if (entries.findAny().isPresent()) {
                    throw new ParameterException(spec.commandLine(), output + " is not empty and holds no earlier sample ("
                            + EstateFiles.INDEX + " missing); choose an empty or new directory");
                }
            }
            return;
        }
        for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                Path file = output.resolve(line.trim()).normalize();
                if (!file.startsWith(output.normalize())) {
                    throw new ParameterException(spec.commandLine(), index + " names a file outside " + output + ": " + line);
                }
                Files.deleteIfExists(file);
            }
        }
        Files.delete(index);
    }
}
