package dev.parapet.core.ticketing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.json.Json;
import dev.parapet.core.ticketing.ServiceNowException.Kind;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * OAuth access tokens from the instance's {@code /oauth_token.do}: password or client_credentials grant, cached
 * until a minute before they expire, renewed with the refresh token when there is one.
 */
final class OAuthTokens implements Authenticator {
    private static final Duration EARLY = Duration.ofSeconds(60);

    private final URI endpoint;
    private final TicketConfig.Grant grant;
    private final String clientId;
    private final String clientSecret;
    private final String user;
    private final String password;
    private final Http http;
    private final Masker masker;
    private final Clock clock;

    private String token;
    private String refreshToken;
    private Instant renewAt;

    OAuthTokens(URI endpoint, TicketConfig.Grant grant, String clientId, String clientSecret, String user,
                String password, Http http, Masker masker, Clock clock) {
        this.endpoint = endpoint;
        this.grant = grant;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.user = user;
        this.password = password;
        this.http = http;
        this.masker = masker;
        this.clock = clock;
    }

    @Override
    public synchronized String header(Deadline deadline) {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch(deadline);
        }
        return "Bearer " + token;
    }

    @Override
    public synchronized boolean invalidate() {
        boolean had = token != null;
        token = null;
        return had;
    }

    private void fetch(Deadline deadline) {
        if (refreshToken != null) {
            try {
                request(form("grant_type", "refresh_token", "client_id", clientId, "client_secret", clientSecret,
                        "refresh_token", refreshToken), deadline);
                return;
            } catch (ServiceNowException e) {
                if (e.kind() == Kind.TRANSIENT) {
                    throw e;
                }
                refreshToken = null; // expired or revoked: ask again with the grant
            }
        }
        if (grant == TicketConfig.Grant.PASSWORD) {
            request(form("grant_type", "password", "client_id", clientId, "client_secret", clientSecret,
                    "username", user, "password", password), deadline);
        } else {
            request(form("grant_type", "client_credentials", "client_id", clientId, "client_secret", clientSecret),
                    deadline);
        }
    }

    private void request(String form, Deadline deadline) {
        HttpResponse<String> response;
        try {
            response = http.send("OAuth token request to " + endpoint, () -> HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(form)), true, deadline);
        } catch (ServiceNowException e) {
            if (e.kind() == Kind.REFUSED || e.kind() == Kind.NOT_FOUND) {
                throw new ServiceNowException(Kind.AUTH, e.status(), e.getMessage(), false, null);
            }
            throw e;
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new ServiceNowException(Kind.AUTH, response.statusCode(), "OAuth token response from " + endpoint
                    + " is not JSON", false, null);
        }
        String access = Json.text(json, "access_token");
        if (access == null || access.isBlank()) {
            throw new ServiceNowException(Kind.AUTH, response.statusCode(), "OAuth token response from " + endpoint
                    + " has no access_token", false, null);
        }
        masker.add(access);
        String refresh = Json.text(json, "refresh_token");
        masker.add(refresh);
        long expires = json.path("expires_in").asLong(1800);
        token = access;
        refreshToken = refresh;
        Duration life = Duration.ofSeconds(Math.max(expires, 1));
        renewAt = clock.instant().plus(life.compareTo(EARLY.multipliedBy(2)) > 0 ? life.minus(EARLY) : life.dividedBy(2));
    }

    private static String form(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
