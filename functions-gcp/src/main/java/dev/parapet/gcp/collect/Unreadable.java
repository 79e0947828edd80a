package dev.parapet.gcp.collect;

/**
 * A listing that failed: the scope, the asset type and content type, and why (the API's status and message).
 * Rules that judge or read this type report ERROR for the scope instead of PASS, and the scope's scan resolves nothing.
 */
public record Unreadable(String scope, String assetType, ContentType contentType, String code, String message) {
    @Override
    public String toString() {
        return assetType + " " + contentType + " in " + scope + ": " + code + " " + message;
    }
}
