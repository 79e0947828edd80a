package dev.parapet.cli;

import dev.parapet.core.model.Severity;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options shared by every command that assesses (assess, demo, and later scan). */
final class AssessOptions {
    enum Format { table, json }

    @Mixin
    RuleSources rules = new RuleSources();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE}).")
    Format format = Format.table;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Option(names = "--store", paramLabel = "URL", description = "Findings store: sqlite:PATH, a file path, or "
            + "postgresql://USER@HOST:PORT/DB (password from PGPASSWORD). Default: $PARAPET_STORE_URL if set.")
    String store;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit 1 when a FAIL of this severity or above exists: CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL.")
    Severity failOn;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
    boolean quiet;
}
