package dev.parapet.aws.lambda;

import dev.parapet.aws.collect.AwsCollector;
import dev.parapet.aws.collect.ConfigSource;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The functions' configuration, from environment variables (docs/deploy-aws.md lists them). Read once per container.
 *
 * @param storeUrl    PARAPET_STORE_URL; or null when the URL is in the secret {@code storeSecret}
 * @param endpoint    PARAPET_AWS_ENDPOINT: send every AWS call to this URL (an emulator in tests), else null
 * @param reportBucket PARAPET_REPORT_BUCKET: S3 bucket scheduled scans publish their report to; null: no report
 * @param reportPrefix PARAPET_REPORT_PREFIX: key prefix of the reports in that bucket ("" when unset)
 */
public record Settings(String region, String storeUrl, String storeSecret, String workQueueUrl, String progressTable,
                       List<String> regions, String accounts, String memberRole, String externalId, String ownAccount,
                       AwsCollector.Mode mode, ConfigSource.Query configQuery, String aggregator, URI endpoint,
                       String reportBucket, String reportPrefix) {

    public static Settings from(Map<String, String> env) {
        String region = first(env, "AWS_REGION", "AWS_DEFAULT_REGION");
        if (region == null) {
            throw new IllegalStateException("AWS_REGION is not set");
        }
        String regions = env.get("PARAPET_REGIONS");
        String endpoint = env.get("PARAPET_AWS_ENDPOINT");
        return new Settings(region, blankToNull(env.get("PARAPET_STORE_URL")), blankToNull(env.get("PARAPET_STORE_SECRET")),
                blankToNull(env.get("PARAPET_WORK_QUEUE_URL")), blankToNull(env.get("PARAPET_PROGRESS_TABLE")),
                regions == null || regions.isBlank() ? List.of() : List.of(regions.trim().split("[,\\s]+")),
                blankToNull(env.get("PARAPET_ACCOUNTS")), blankToNull(env.get("PARAPET_MEMBER_ROLE")),
                blankToNull(env.get("PARAPET_EXTERNAL_ID")), blankToNull(env.get("PARAPET_ACCOUNT_ID")),
                enumOf(AwsCollector.Mode.class, env.get("PARAPET_COLLECTION"), AwsCollector.Mode.AUTO, "PARAPET_COLLECTION"),
                enumOf(ConfigSource.Query.class, env.get("PARAPET_CONFIG_QUERY"), ConfigSource.Query.BATCH, "PARAPET_CONFIG_QUERY"),
                blankToNull(env.get("PARAPET_CONFIG_AGGREGATOR")),
                endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.trim()),
                blankToNull(env.get("PARAPET_REPORT_BUCKET")),
                env.get("PARAPET_REPORT_PREFIX") == null ? "" : env.get("PARAPET_REPORT_PREFIX").strip());
    }

    private static String first(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = blankToNull(env.get(n));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, E fallback, String name) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is '" + value + "'; expected one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    public String require(String value, String name) {
        if (value == null) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }
}
