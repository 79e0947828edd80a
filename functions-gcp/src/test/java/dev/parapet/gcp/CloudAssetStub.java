package dev.parapet.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.parapet.core.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.or;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * The Cloud Asset REST API's ListAssets as a WireMock stub: real-format pages of {@code pageSize} assets chained by
 * nextPageToken, for the listings in a fixture file ({"listings": {"TYPE|CONTENT": [asset, ...]}}); other types
 * list nothing; {@link #deny} answers one listing with the API's PERMISSION_DENIED error.
 */
public final class CloudAssetStub {
    static final String READ_TIME = "2025-12-01T07:00:00.000Z";
    private final WireMockServer server;
    private final String parent;

    public CloudAssetStub(WireMockServer server, String parent) {
        this.server = server;
        this.parent = parent;
        server.stubFor(get(urlPathMatching("/v1/.+/assets")).atPriority(10)
                .willReturn(json(200, "{\"readTime\":\"" + READ_TIME + "\"}")));
    }

    public static JsonNode fixture(String resource) throws IOException {
        try (InputStream in = CloudAssetStub.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            return Json.MAPPER.readTree(in);
        }
    }

    public CloudAssetStub serve(JsonNode estate, int pageSize) {
        Iterator<Map.Entry<String, JsonNode>> listings = estate.get("listings").fields();
        while (listings.hasNext()) {
            Map.Entry<String, JsonNode> listing = listings.next();
            String[] key = listing.getKey().split("\\|");
            JsonNode assets = listing.getValue();
            int pages = Math.max(1, (assets.size() + pageSize - 1) / pageSize);
            for (int p = 0; p < pages; p++) {
                ObjectNode page = Json.MAPPER.createObjectNode();
                page.put("readTime", READ_TIME);
                ArrayNode values = page.putArray("assets");
                for (int i = p * pageSize; i < Math.min(assets.size(), (p + 1) * pageSize); i++) {
                    values.add(assets.get(i));
                }
                if (p + 1 < pages) {
                    page.put("nextPageToken", token(key, p + 1));
                }
                server.stubFor(listing(key[0], key[1])
                        .withQueryParam("pageToken", p == 0 ? or(absent(), equalTo("")) : equalTo(token(key, p)))
                        .willReturn(json(200, page.toString())));
            }
        }
        return this;
    }

    /** The listing fails as the API fails it for a caller without permission. */
    public CloudAssetStub deny(String assetType, String contentType) {
        String body = "{\"error\":{\"code\":403,\"message\":\"The caller does not have permission\","
                + "\"status\":\"PERMISSION_DENIED\"}}";
        server.stubFor(listing(assetType, contentType).atPriority(1).willReturn(json(403, body)));
        return this;
    }

    private MappingBuilder listing(String assetType, String contentType) {
        return get(urlPathEqualTo("/v1/" + parent + "/assets"))
                .withQueryParam("assetTypes", equalTo(assetType))
                .withQueryParam("contentType", matching(contentType + "|" + (contentType.equals("RESOURCE") ? 1 : 2)));
    }

    private static String token(String[] key, int page) {
        return Integer.toHexString((key[0] + key[1]).hashCode()) + "-" + page;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body);
    }
}
