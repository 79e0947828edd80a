package dev.parapet.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.json.Json;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The Google Cloud Pub/Sub emulator of this machine image, started and stopped by the test, driven through its REST
 * API: topics, push subscriptions with a dead-letter policy (as infra/gcp creates them), publishing and pulling.
 */
final class PubSubEmulator implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator");
    static final String PROJECT = "parapet-test";
    private final Process process;
    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    private PubSubEmulator(Process process, int port) {
        this.process = process;
        this.base = "http://127.0.0.1:" + port + "/v1/projects/" + PROJECT;
    }

    static PubSubEmulator start(Path dir) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("the Pub/Sub emulator is not installed at " + BINARY);
        }
        int port = FunctionProcess.freePort();
        Process p = new ProcessBuilder(BINARY.toString(), "--host=127.0.0.1", "--port=" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("pubsub-emulator.log").toFile()).start();
        PubSubEmulator emulator = new PubSubEmulator(p, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return emulator;
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    emulator.close();
                    throw new IllegalStateException("Pub/Sub emulator did not start; see " + dir.resolve("pubsub-emulator.log"));
                }
                Thread.sleep(100);
            }
        }
    }

    void topic(String name) throws Exception {
        call("PUT", "/topics/" + name, null);
    }

    /** A push subscription as infra/gcp declares it: retries with backoff, dead-lettered after maxAttempts. */
    void pushSubscription(String name, String topic, String endpoint, String deadLetterTopic, int maxAttempts)
            throws Exception {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("topic", "projects/" + PROJECT + "/topics/" + topic);
        body.putObject("pushConfig").put("pushEndpoint", endpoint);
        body.putObject("deadLetterPolicy").put("deadLetterTopic", "projects/" + PROJECT + "/topics/" + deadLetterTopic)
                .put("maxDeliveryAttempts", maxAttempts);
        body.putObject("retryPolicy").put("minimumBackoff", "0.1s").put("maximumBackoff", "0.5s");
        body.put("ackDeadlineSeconds", 60);
        call("PUT", "/subscriptions/" + name, body);
    }

    void pullSubscription(String name, String topic) throws Exception {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("topic", "projects/" + PROJECT + "/topics/" + topic);
        call("PUT", "/subscriptions/" + name, body);
    }

    String publish(String topic, String data) throws Exception {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putArray("messages").addObject().put("data", Base64.getEncoder().encodeToString(data.getBytes()));
        return call("POST", "/topics/" + topic + ":publish", body).path("messageIds").path(0).asText();
    }

    /** Pulls and acknowledges up to 10 messages; returns their decoded data. */
    List<String> pull(String subscription) throws Exception {
        ObjectNode body = Json.MAPPER.createObjectNode().put("maxMessages", 10);
        JsonNode received = call("POST", "/subscriptions/" + subscription + ":pull", body).path("receivedMessages");
        List<String> out = new ArrayList<>();
        ObjectNode ack = Json.MAPPER.createObjectNode();
        for (JsonNode m : received) {
            out.add(new String(Base64.getDecoder().decode(m.path("message").path("data").asText())));
            ack.withArray("ackIds").add(m.path("ackId").asText());
        }
        if (!out.isEmpty()) {
            call("POST", "/subscriptions/" + subscription + ":acknowledge", ack);
        }
        return out;
    }

    private JsonNode call(String method, String path, JsonNode body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return Json.MAPPER.readTree(response.body());
    }

    @Override
    public void close() {
        FunctionProcess.stop(process);
    }
}
