package dev.parapet.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.cloud.asset.v1.AssetServiceClient;
import dev.parapet.core.engine.Engine;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.FindingKey;
import dev.parapet.core.rules.RuleCatalog;
import dev.parapet.core.store.Store;
import dev.parapet.core.store.StoredFinding;
import dev.parapet.core.store.Stores;
import dev.parapet.gcp.collect.AssetLister;
import dev.parapet.gcp.collect.AssetScope;
import dev.parapet.gcp.collect.AssetTypes;
import dev.parapet.gcp.collect.CloudAssetClients;
import dev.parapet.gcp.collect.GcpCollector;
import dev.parapet.gcp.scan.GcpRules;
import dev.parapet.gcp.function.AssetFeedFunction;
import dev.parapet.gcp.scan.GcpScan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feed messages (TemporalAsset) published to the Pub/Sub emulator, pushed by a subscription with a dead-letter policy
 * (as infra/gcp configures Eventarc's) through the Eventarc stand-in to the feed function in the real invoker, written to a real SQLite store seeded by a
 * scan. Messages arrive shuffled, duplicated and out of order: the final state is the one of in-order delivery, and
 * a malformed message ends in the dead-letter topic.
 */
class AssetFeedThroughPubSubTest {
    static final String PRIVATE = "//storage.googleapis.com/acme-prod-private";
    static final String PUBLIC = "//storage.googleapis.com/acme-prod-web-assets";
    static final String NOT_PUBLIC = "gcp-storage-bucket-not-public";
    @TempDir
    Path dir;

    @Test
    void shuffledDuplicatedAndStaleMessagesEndInTheInOrderState() throws Exception {
        String storeUrl = "sqlite:" + dir.resolve("findings.db");
        JsonNode estate = CloudAssetStub.fixture("/cloudasset/estate.json");
        seed(storeUrl, estate);
        try (Store store = Stores.open(storeUrl)) {
            assertThat(state(store, NOT_PUBLIC, PRIVATE)).isEqualTo("PASSING");
            assertThat(state(store, NOT_PUBLIC, PUBLIC)).isEqualTo("OPEN");
        }
        ObjectNode privateResource = asset(estate, "storage.googleapis.com/Bucket|RESOURCE", PRIVATE);
        ObjectNode privatePolicy = asset(estate, "storage.googleapis.com/Bucket|IAM_POLICY", PRIVATE);
        ObjectNode publicResource = asset(estate, "storage.googleapis.com/Bucket|RESOURCE", PUBLIC);

        // the private bucket's policy opens it to everyone (IAM_POLICY feed), sent twice
        ObjectNode opened = privatePolicy.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) opened.get("iamPolicy").get("bindings")).addObject()
                .put("role", "roles/storage.objectViewer").putArray("members").add("allUsers");
        opened.put("updateTime", "2025-12-01T08:00:00Z");
        String policyChange = temporal(opened, "2025-12-01T08:00:00Z", false, "PRESENT", privatePolicy);
        // a RESOURCE state older than the stored one: it would block public access, but it is stale
        ObjectNode old = privateResource.deepCopy();
        ((ObjectNode) old.get("resource").get("data").get("iamConfiguration")).put("publicAccessPrevention", "enforced");
        old.put("updateTime", "2025-09-01T00:00:00Z");
        String stale = temporal(old, "2025-09-01T00:00:00Z", false, "PRESENT", null);
        // the public bucket changes, then is deleted; the change may arrive after the deletion
        ObjectNode changed = publicResource.deepCopy();
        changed.put("updateTime", "2025-12-01T09:00:00Z");
        String change = temporal(changed, "2025-12-01T09:00:00Z", false, "PRESENT", publicResource);
        ObjectNode gone = Json.MAPPER.createObjectNode().put("name", PUBLIC).put("assetType", "storage.googleapis.com/Bucket");
        String deletion = temporal(gone, "2025-12-01T10:00:00Z", true, "PRESENT", changed);

        List<String> messages = new ArrayList<>(List.of(policyChange, policyChange, stale, change, deletion));
        Collections.shuffle(messages, new Random(7));

        try (PubSubEmulator pubsub = PubSubEmulator.start(dir);
             FunctionProcess function = FunctionProcess.start(AssetFeedFunction.class,
                     Map.of("PARAPET_STORE_URL", storeUrl), dir);
             EventarcBridge eventarc = EventarcBridge.to(function.url(), "asset-feed")) {
            pubsub.topic("asset-feed");
            pubsub.topic("asset-feed-dead-letter");
            pubsub.pullSubscription("asset-feed-dead-letter-keep", "asset-feed-dead-letter");
            pubsub.pushSubscription("asset-feed-push", "asset-feed", eventarc.url(), "asset-feed-dead-letter", 5);
            for (String m : messages) {
                pubsub.publish("asset-feed", m);
            }
            pubsub.publish("asset-feed", "{\"asset\": {\"name\": \"//storage.googleapis.com/x\"");

            await(() -> count(function.logText(), "\"message\":\"asset change assessed\"") >= messages.size(),
                    function);
            List<String> dead = new ArrayList<>();
            await(() -> {
                try {
                    dead.addAll(pubsub.pull("asset-feed-dead-letter-keep"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return !dead.isEmpty();
            }, function);
            assertThat(dead).containsExactly("{\"asset\": {\"name\": \"//storage.googleapis.com/x\"");
            String log = function.logText();
            assertThat(log).contains("payload is not JSON");
            assertThat(log).contains("\"stale\":1");
        }

        try (Store store = Stores.open(storeUrl)) {
            assertThat(state(store, NOT_PUBLIC, PRIVATE)).isEqualTo("OPEN");
            StoredFinding deleted = finding(store, NOT_PUBLIC, PUBLIC);
            assertThat(deleted.state()).isEqualTo("RESOLVED");
            assertThat(deleted.resolution()).isEqualTo("DELETED");
            // the duplicate added no second transition
            assertThat(store.history(FindingKey.of(NOT_PUBLIC, PRIVATE)))
                    .extracting(h -> h.status().name()).containsExactly("PASS", "FAIL");
        }
    }

    /** The store as a scheduled scan leaves it: collected through the real client from the ListAssets stub. */
    private static void seed(String storeUrl, JsonNode estate) {
        WireMockServer cloud = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        cloud.start();
        try (AssetServiceClient client = CloudAssetClients.create("http://127.0.0.1:" + cloud.port());
             Store store = Stores.open(storeUrl)) {
            new CloudAssetStub(cloud, "projects/acme-prod-data").serve(estate, 100);
            RuleCatalog.Loaded rules = GcpRules.load();
            GcpCollector collector = new GcpCollector(new AssetLister(client), AssetTypes.forRules(rules.rules()),
                    Clock.systemUTC());
            new GcpScan(new Engine(rules.rules()), Clock.systemUTC())
                    .assess(collector.collect(AssetScope.parse("projects/acme-prod-data"), l -> { }), "test", store);
        } finally {
            cloud.stop();
        }
    }

    static String temporal(JsonNode asset, String window, boolean deleted, String priorState, JsonNode prior) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.set("asset", asset);
        m.putObject("window").put("startTime", window);
        if (deleted) {
            m.put("deleted", true);
        }
        m.put("priorAssetState", prior == null ? "DOES_NOT_EXIST" : priorState);
        if (prior != null) {
            m.set("priorAsset", prior);
        }
        return m.toString();
    }

    static ObjectNode asset(JsonNode estate, String listing, String name) {
        for (JsonNode a : estate.get("listings").get(listing)) {
            if (a.path("name").asText().equals(name)) {
                return (ObjectNode) a.deepCopy();
            }
        }
        throw new AssertionError(name + " not in " + listing);
    }

    static StoredFinding finding(Store store, String rule, String resource) {
        return ScanFunctionTest.finding(store, FindingKey.of(rule, resource));
    }

    static String state(Store store, String rule, String resource) {
        return finding(store, rule, resource).state();
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    static void await(BooleanSupplier condition, FunctionProcess function) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out; function log:\n" + function.logText());
            }
            Thread.sleep(200);
        }
    }
}
