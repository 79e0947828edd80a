package dev.parapet.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A scoring report as published: where its dated files went, when, the scans it covers and its files.
 *
 * @param id          the dated folder's location, e.g. "s3://bucket/prefix/2026/03/01/20260301T093000Z/": unique
 *                    per publication, so recording the same publication twice changes nothing
 * @param generatedAt the report's generation time (the dated keys derive from it)
 * @param publishedAt when its last file was stored
 */
public record PublishedReport(String id, Instant generatedAt, Instant publishedAt, List<String> scanIds,
                              List<File> files) {
    public PublishedReport {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("published report has no id");
        }
        Objects.requireNonNull(generatedAt, () -> "report " + id + " has no generation time");
        Objects.requireNonNull(publishedAt, () -> "report " + id + " has no publication time");
        scanIds = List.copyOf(scanIds);
        files = List.copyOf(files);
    }

    /** @param format lower-case format name (html, json, csv, ocsf) */
    public record File(String format, String datedKey, String latestKey, long bytes) {
        public File {
            if (format == null || datedKey == null || latestKey == null || bytes < 0) {
                throw new IllegalArgumentException("report file is incomplete: " + format + " " + datedKey
                        + " " + latestKey + " " + bytes);
            }
        }
    }
}
