package dev.parapet.cli;

import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Severity;
import dev.parapet.core.model.Status;
import dev.parapet.core.run.BatchResult;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The few lines a live scan ends with on stderr: score, failures by severity, errors, and what could not be read.
 *
 * @param unread one line per service or operation that could not be read, with why
 */
record ScanRecap(String scope, int resources, List<String> unread) {

    /** Prints once the report is written, unless --quiet. */
    Consumer<BatchResult> printer(boolean quiet, PrintStream err) {
        return result -> {
            if (!quiet) {
                print(result, err);
            }
        };
    }

    void print(BatchResult result, PrintStream err) {
        Map<Severity, Integer> failures = new EnumMap<>(Severity.class);
        int errors = 0;
        for (Finding f : result.assessment().findings()) {
            if (f.status() == Status.FAIL) {
                failures.merge(f.severity(), 1, Integer::sum);
            } else if (f.status() == Status.ERROR) {
                errors++;
            }
        }
        Double percent = result.score().overall().percent();
        err.printf(Locale.ROOT, "parapet: scan of %s: %d resources, score %s%n", scope, resources,
                percent == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", percent));
        StringBuilder bySeverity = new StringBuilder();
        Severity[] order = Severity.values();
        for (int i = order.length - 1; i >= 0; i--) { // most severe first
            Severity s = order[i];
            bySeverity.append(bySeverity.length() == 0 ? "" : ", ").append(s.name().toLowerCase(Locale.ROOT)).append(' ')
                    .append(failures.getOrDefault(s, 0));
        }
        err.println("parapet: failures by severity: " + bySeverity);
        err.printf(Locale.ROOT, "parapet: %d findings could not be decided (ERROR)%n", errors);
        if (unread.isEmpty()) {
            err.println("parapet: every service was read");
        } else {
            err.println("parapet: could not read (their rules report ERROR, never PASS):");
            unread.forEach(line -> err.println("parapet:   " + line));
        }
    }
}
