package dev.parapet.gcp.function;

import java.util.Map;

/**
 * The functions' configuration, from the environment Terraform sets (infra/gcp).
 *
 * @param scope          PARAPET_SCOPE: organizations/N, folders/N or projects/P to scan; default the function's project
 * @param storeUrl       PARAPET_STORE_URL: the store URL itself (Terraform maps it from Secret Manager)
 * @param storeSecret    PARAPET_STORE_SECRET: or a Secret Manager version to read it from at start
 * @param assetEndpoint  PARAPET_ASSET_ENDPOINT: Cloud Asset endpoint; set only for a local stub
 * @param secretEndpoint PARAPET_SECRET_ENDPOINT: Secret Manager endpoint; set only for a local stub
 * @param reportBucket   PARAPET_REPORT_BUCKET: Cloud Storage bucket scheduled scans publish their report to; null: none
 * @param reportPrefix   PARAPET_REPORT_PREFIX: object name prefix of the reports in that bucket ("" when unset)
 * @param storageEndpoint PARAPET_STORAGE_ENDPOINT: Cloud Storage endpoint; set only for a local stub
 */
public record Settings(String scope, String storeUrl, String storeSecret, String assetEndpoint, String secretEndpoint,
                       String reportBucket, String reportPrefix, String storageEndpoint) {

    public static Settings from(Map<String, String> env) {
        String scope = blankToNull(env.get("PARAPET_SCOPE"));
        String project = blankToNull(env.get("GOOGLE_CLOUD_PROJECT"));
        if (scope == null && project != null) {
            scope = "projects/" + project;
        }
        return new Settings(scope, blankToNull(env.get("PARAPET_STORE_URL")), blankToNull(env.get("PARAPET_STORE_SECRET")),
                blankToNull(env.get("PARAPET_ASSET_ENDPOINT")), blankToNull(env.get("PARAPET_SECRET_ENDPOINT")),
                blankToNull(env.get("PARAPET_REPORT_BUCKET")),
                env.get("PARAPET_REPORT_PREFIX") == null ? "" : env.get("PARAPET_REPORT_PREFIX").strip(),
                blankToNull(env.get("PARAPET_STORAGE_ENDPOINT")));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
