package dev.parapet.gcp.function;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Where the store URL (which may hold a database password) comes from: PARAPET_STORE_URL, which Terraform fills from
 * Secret Manager, or a Secret Manager version named by PARAPET_STORE_SECRET and read with the function's identity.
 * The value is registered with {@link JsonLog} so that it is never logged.
 */
final class StoreUrlSource {
    private static final Pattern VERSION = Pattern.compile("projects/[^/]+/secrets/[^/]+/versions/[^/]+");

    private StoreUrlSource() {
    }

    static String storeUrl(Settings settings) {
        String url = settings.storeUrl();
        if (url == null && settings.storeSecret() != null) {
            url = readSecret(settings.storeSecret(), settings.secretEndpoint());
        }
        if (url == null) {
            throw new IllegalStateException("no store configured: set PARAPET_STORE_URL (from Secret Manager) or "
                    + "PARAPET_STORE_SECRET=projects/P/secrets/S/versions/V");
        }
        JsonLog.secret(url);
        int at = url.indexOf('@');
        int colon = url.indexOf(':', url.indexOf("//") + 2);
        if (at > 0 && colon > 0 && colon < at) { // user:password@host
            JsonLog.secret(url.substring(colon + 1, at));
        }
        return url;
    }

    static String readSecret(String version, String endpoint) {
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalStateException("PARAPET_STORE_SECRET '" + version
                    + "' is not projects/PROJECT/secrets/SECRET/versions/VERSION");
        }
        try {
            SecretManagerServiceSettings.Builder settings = SecretManagerServiceSettings.newHttpJsonBuilder();
            if (endpoint != null) {
                settings.setEndpoint(endpoint).setCredentialsProvider(NoCredentialsProvider.create());
            }
            try (SecretManagerServiceClient client = SecretManagerServiceClient.create(settings.build())) {
                String value = client.accessSecretVersion(version).getPayload().getData().toStringUtf8().trim();
                if (value.isEmpty()) {
                    throw new IllegalStateException("secret " + version + " is empty");
                }
                return value;
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the Secret Manager client: " + e.getMessage(), e);
        } catch (com.google.api.gax.rpc.ApiException e) {
            throw new IllegalStateException("cannot read secret " + version + ": " + e.getStatusCode().getCode()
                    + " (the function's service account needs roles/secretmanager.secretAccessor on it)", e);
        }
    }
}
