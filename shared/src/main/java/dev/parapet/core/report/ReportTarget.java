package dev.parapet.core.report;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where published report files go: a local directory here; S3, Blob Storage and Cloud Storage in the functions.
 * Keys are relative, "/"-separated paths ("2026/03/01/20260301T093000Z/report.html", "latest/report.html").
 */
public interface ReportTarget {
    /**
     * Stores the file's content under the key, replacing what is there. Implementations should make the new
     * content visible all at once (a reader of "latest" never sees half a file).
     */
    void put(String key, Path content, String contentType) throws IOException;

    /** Where a key ends up, for messages: a path, an s3:// URL, ... */
    String describe(String key);
}
