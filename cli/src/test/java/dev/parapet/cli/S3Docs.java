package dev.parapet.cli;

/**
 * AWS Config configuration items of S3 buckets, as the frozen test rule (test-rules/bucket-public-access-block.yaml)
 * judges them: open (no public access block: FAIL), closed (all four settings: PASS), and one without
 * supplementaryConfiguration, which the rule cannot read (ERROR).
 */
final class S3Docs {
    static final String RULE = "test-s3-bucket-public-access-block";

    private S3Docs() {
    }

    static String open(String name) {
        return item(name, "\"supplementaryConfiguration\":{}");
    }

    static String closed(String name) {
        return item(name, "\"supplementaryConfiguration\":{\"PublicAccessBlockConfiguration\":\"{\\\"blockPublicAcls\\\":true,"
                + "\\\"ignorePublicAcls\\\":true,\\\"blockPublicPolicy\\\":true,\\\"restrictPublicBuckets\\\":true}\"}");
    }

    static String unreadable(String name) {
        return item(name, null);
    }

    static String arn(String name) {
        return "arn:aws:s3:::" + name;
    }

    private static String item(String name, String supplementary) {
        return "{\"configurationItemStatus\":\"OK\",\"awsAccountId\":\"111122223333\",\"resourceType\":\"AWS::S3::Bucket\","
                + "\"resourceId\":\"" + name + "\",\"ARN\":\"" + arn(name) + "\",\"awsRegion\":\"us-east-1\","
                + "\"configurationItemCaptureTime\":\"2026-03-01T00:00:00Z\",\"configuration\":{\"name\":\"" + name + "\"}"
                + (supplementary == null ? "" : "," + supplementary) + "}";
    }
}
