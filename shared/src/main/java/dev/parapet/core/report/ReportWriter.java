package dev.parapet.core.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Renders a report in each format once (to a temporary file, so that a large report never sits in memory) and
 * publishes it to a target twice: under a dated key and as the "latest" copy. All dated files are written before
 * any latest copy, so "latest" switches to the new report only once every format of it is stored.
 */
public final class ReportWriter {
    private static final DateTimeFormatter DATED = DateTimeFormatter.ofPattern("yyyy/MM/dd/yyyyMMdd'T'HHmmss'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    /** One published file: its two keys and its size in bytes. */
    public record Published(ReportFormat format, String datedKey, String latestKey, long bytes) {
    }

    private final ReportTarget target;
    private final String prefix;

    /** @param prefix prepended to every key ("" or e.g. "parapet/reports"); a trailing "/" is added if missing */
    public ReportWriter(ReportTarget target, String prefix) {
        this.target = target;
        String p = prefix == null ? "" : prefix.strip();
        if (p.startsWith("/") || p.contains("..") || p.contains("\\")) {
            throw new IllegalArgumentException("report prefix '" + prefix + "' must be a relative path without '..'");
        }
        this.prefix = p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }

    public List<Published> publish(ReportModel model, List<ReportFormat> formats) throws IOException {
        Path work = Files.createTempDirectory("parapet-report-");
        try {
            String dated = prefix + DATED.format(model.generatedAt()) + "/";
            List<Path> files = new ArrayList<>();
            List<Published> out = new ArrayList<>();
            for (ReportFormat f : formats) {
                Path file = work.resolve(f.fileName());
                try (OutputStream os = Files.newOutputStream(file)) {
                    f.write(model, os);
                }
                target.put(dated + f.fileName(), file, f.contentType());
                files.add(file);
                out.add(new Published(f, dated + f.fileName(), prefix + "latest/" + f.fileName(), Files.size(file)));
            }
            for (int i = 0; i < formats.size(); i++) {
                target.put(out.get(i).latestKey(), files.get(i), formats.get(i).contentType());
            }
            return out;
        } finally {
            deleteTree(work);
        }
    }

    /** The dated folder a report generated at {@code at} is published under, e.g. "2026/03/01/20260301T093000Z". */
    public static String datedFolder(Instant at) {
        return DATED.format(at);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
