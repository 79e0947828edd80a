package dev.parapet.gcp.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.asset.v1.Asset;
import com.google.cloud.asset.v1.AssetServiceClient;
import com.google.cloud.asset.v1.ListAssetsRequest;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import dev.parapet.core.json.Json;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * ListAssets for one asset type and content type, every page to the end, each asset handed over in the API's own
 * JSON form (camelCase, as the REST API and the feed send it).
 */
public final class AssetLister {
    static final int PAGE_SIZE = 1000;
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private final AssetServiceClient client;

    public AssetLister(AssetServiceClient client) {
        this.client = client;
    }

    /**
     * @param readTime the snapshot time, the same for every listing of a collection so that the RESOURCE and
     *                 IAM_POLICY halves describe one moment (the HTTP/JSON client would otherwise send the epoch)
     * @return pages read; throws the client's ApiException when the listing fails
     */
    public int list(AssetScope scope, AssetTypes.Listing listing, Instant readTime, Consumer<JsonNode> sink) {
        ListAssetsRequest request = ListAssetsRequest.newBuilder()
                .setParent(scope.parent())
                .setReadTime(Timestamp.newBuilder().setSeconds(readTime.getEpochSecond()).build())
                .addAssetTypes(listing.assetType())
                .setContentType(listing.contentType().proto())
                .setPageSize(PAGE_SIZE)
                .build();
        int pages = 0;
        for (AssetServiceClient.ListAssetsPage page : client.listAssets(request).iteratePages()) {
            pages++;
            for (Asset asset : page.getValues()) {
                sink.accept(toJson(asset));
            }
        }
        return pages;
    }

    /**
     * resource.data travels as a protobuf Struct, whose numbers are all doubles: 1000 would come back as 1000.0.
     * Whole numbers are turned back into integers, as the REST API and the feed send them.
     */
    static JsonNode integral(JsonNode node) {
        if (node.isDouble()) {
            double d = node.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 0x1p53 ? LongNode.valueOf((long) d) : node;
        }
        if (node.isObject()) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            node.fields().forEachRemaining(e -> out.set(e.getKey(), integral(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(item -> out.add(integral(item)));
            return out;
        }
        return node;
    }

    static JsonNode toJson(Asset asset) {
        try {
            JsonNode json = Json.MAPPER.readTree(PRINTER.print(asset));
            JsonNode data = json.path("resource").get("data");
            if (data != null) {
                ((ObjectNode) json.get("resource")).set("data", integral(data));
            }
            return json;
        } catch (InvalidProtocolBufferException | JsonProcessingException e) {
            throw new IllegalStateException("asset " + asset.getName() + " cannot be printed as JSON: " + e.getMessage(), e);
        }
    }
}
