package dev.parapet.azure.app;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Who Parapet itself is: the object id (oid) and application id of its own access token, so that the event function
 * can skip writes it made. The token is decoded, never logged or kept.
 */
public final class SelfIdentity {
    private SelfIdentity() {
    }

    /** The oid and appid claims of a token for {@code scope}; empty when no token can be had. */
    public static Set<String> ids(TokenCredential credential, String scope) {
        String token;
        try {
            token = credential.getTokenSync(new TokenRequestContext().addScopes(scope)).getToken();
        } catch (RuntimeException e) {
            return Set.of();
        }
        return claims(token);
    }

    static Set<String> claims(String jwt) {
        String[] parts = jwt == null ? new String[0] : jwt.split("\\.");
        if (parts.length < 2) {
            return Set.of();
        }
        try {
            JsonNode payload = Json.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(parts[1]),
                    StandardCharsets.UTF_8));
            Set<String> out = new HashSet<>();
            for (String claim : new String[]{"oid", "appid", "azp"}) {
                String v = Json.text(payload, claim);
                if (v != null) {
                    out.add(v.toLowerCase(Locale.ROOT));
                }
            }
            return Set.copyOf(out);
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Set.of();
        }
    }
}
