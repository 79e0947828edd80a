package dev.parapet.gcp.collect;

/** The Cloud Asset content types the rules read; one ListAssets call returns one of them. */
public enum ContentType {
    RESOURCE, IAM_POLICY;

    com.google.cloud.asset.v1.ContentType proto() {
        return com.google.cloud.asset.v1.ContentType.valueOf(name());
    }
}
