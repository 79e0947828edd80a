package dev.parapet.aws.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.aws.sdk.AwsClients;
import dev.parapet.core.json.Json;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The store's URL: PARAPET_STORE_URL, or a Secrets Manager secret (PARAPET_STORE_SECRET) holding either the URL
 * itself, {"url": "..."}, or the RDS-managed shape {"engine", "host", "port", "username", "password", "dbname"}.
 * The value is secret: it is never logged, and errors name the secret, not its content.
 */
public final class StoreUrls {
    private StoreUrls() {
    }

    public static String resolve(Settings settings, AwsClients clients) {
        if (settings.storeUrl() != null) {
            return settings.storeUrl();
        }
        String secretId = settings.require(settings.storeSecret(), "PARAPET_STORE_URL or PARAPET_STORE_SECRET");
        String secret;
        try {
            secret = clients.secretsManager(settings.region()).getSecretValue(r -> r.secretId(secretId)).secretString();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read the store secret " + secretId + ": "
                    + dev.parapet.aws.sdk.AwsErrors.code(e), e);
        }
        return fromSecret(secret, secretId);
    }

    static String fromSecret(String secret, String secretId) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("store secret " + secretId + " is empty");
        }
        String text = secret.trim();
        if (!text.startsWith("{")) {
            return text;
        }
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("store secret " + secretId + " starts with '{' but is not valid JSON");
        }
        if (n.hasNonNull("url")) {
            return n.get("url").asText();
        }
        for (String field : new String[]{"host", "username", "password"}) {
            if (!n.hasNonNull(field)) {
                throw new IllegalStateException("store secret " + secretId + " has neither 'url' nor '" + field
                        + "' (expected a URL, {\"url\":...} or the RDS shape host/port/username/password/dbname)");
            }
        }
        String engine = n.path("engine").asText("postgres");
        if (!engine.startsWith("postgres")) {
            throw new IllegalStateException("store secret " + secretId + " names engine '" + engine + "'; only PostgreSQL is supported");
        }
        return "postgresql://" + enc(n.get("username").asText()) + ":" + enc(n.get("password").asText()) + "@"
                + n.get("host").asText() + ":" + n.path("port").asText("5432") + "/" + n.path("dbname").asText("parapet");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
