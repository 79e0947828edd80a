package dev.parapet.gcp.collect;

import java.util.regex.Pattern;

/**
 * Where Cloud Asset lists from: {@code organizations/NUMBER}, {@code folders/NUMBER} or {@code projects/ID-OR-NUMBER}.
 */
public record AssetScope(String parent) {
    private static final Pattern VALID = Pattern.compile(
            "organizations/\\d+|folders/\\d+|projects/([a-z][a-z0-9-]{4,28}[a-z0-9]|\\d+)");

    public AssetScope {
        if (parent == null || !VALID.matcher(parent.trim()).matches()) {
            throw new IllegalArgumentException("scope '" + parent + "' is not organizations/NUMBER, folders/NUMBER "
                    + "or projects/PROJECT (a project id or number)");
        }
        parent = parent.trim();
    }

    public static AssetScope parse(String text) {
        return new AssetScope(text);
    }

    @Override
    public String toString() {
        return parent;
    }
}
