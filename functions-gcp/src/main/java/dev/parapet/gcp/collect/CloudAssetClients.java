package dev.parapet.gcp.collect;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.asset.v1.AssetServiceClient;
import com.google.cloud.asset.v1.AssetServiceSettings;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Cloud Asset clients over HTTP/JSON (the gRPC stubs are not available to this build). Credentials are Application
 * Default Credentials, except against a local endpoint (an emulator or stub), which gets none.
 */
public final class CloudAssetClients {
    private CloudAssetClients() {
    }

    /** @param endpoint null for Google's endpoint; {@code http://host:port} for a local stub */
    public static AssetServiceClient create(String endpoint) {
        try {
            AssetServiceSettings.Builder settings = AssetServiceSettings.newHttpJsonBuilder();
            if (endpoint != null && !endpoint.isBlank()) {
                settings.setEndpoint(endpoint.trim());
                if (isLocal(endpoint)) {
                    settings.setCredentialsProvider(NoCredentialsProvider.create());
                }
            }
            return AssetServiceClient.create(settings.build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Cloud Asset client (Application Default Credentials?): "
                    + e.getMessage(), e);
        }
    }

    static boolean isLocal(String endpoint) {
        String e = endpoint.trim();
        return e.startsWith("http://") || e.startsWith("localhost") || e.startsWith("127.");
    }
}
