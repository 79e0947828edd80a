package dev.parapet.cli;

import dev.parapet.core.model.Severity;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Options shared by every command that assesses (assess, demo, and later scan). */
final class AssessOptions {
    enum Format { table, json }

    @Option(names = "--rules", paramLabel = "DIR", description = "Folder of extra rule YAML files (repeatable). "
            + "A rule with the id of a built-in rule replaces it.")
    List<Path> ruleFolders = new ArrayList<>();

    @Option(names = "--no-builtin-rules", description = "Use only the rules from --rules folders.")
    boolean noBuiltinRules;

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
