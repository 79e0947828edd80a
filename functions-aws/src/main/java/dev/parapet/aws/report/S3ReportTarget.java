package dev.parapet.aws.report;

import dev.parapet.core.report.ReportTarget;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Publishes report files to one S3 bucket. A PutObject replaces an object all at once, so a reader of a
 * {@code latest/} key sees the old file or the new one, never half of one. The key prefix is the writer's
 * (PARAPET_REPORT_PREFIX); the functions' role may write under that prefix only.
 */
public final class S3ReportTarget implements ReportTarget {
    private final S3Client s3;
    private final String bucket;

    public S3ReportTarget(S3Client s3, String bucket) {
        if (bucket == null || bucket.isBlank() || bucket.contains("/")) {
            throw new IllegalArgumentException("report bucket '" + bucket + "' is not an S3 bucket name");
        }
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public void put(String key, Path content, String contentType) throws IOException {
        try {
            s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(content));
        } catch (SdkException e) {
            throw new IOException("cannot write " + describe(key) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe(String key) {
        return "s3://" + bucket + "/" + key;
    }
}
