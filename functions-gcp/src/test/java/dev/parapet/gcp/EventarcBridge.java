package dev.parapet.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.parapet.core.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Eventarc's part between a Pub/Sub push subscription and a CloudEvents function: it turns each push request into the
 * binary-mode CloudEvent Eventarc delivers (ce-id = messageId, ce-type messagePublished, ce-source the topic, body
 * unchanged) and answers the push with the function's status, so Pub/Sub's retries and dead-lettering act on the
 * function's outcome. (The invoker's own conversion of raw push bodies fails in 2.0.0 for CloudEvents functions.)
 */
final class EventarcBridge implements AutoCloseable {
    private final HttpServer server;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EventarcBridge(HttpServer server) {
        this.server = server;
    }

    static EventarcBridge to(String functionUrl, String topic) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            int status;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                JsonNode message = Json.MAPPER.readTree(body).path("message");
                HttpRequest request = HttpRequest.newBuilder(URI.create(functionUrl))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .header("ce-specversion", "1.0")
                        .header("ce-id", message.path("messageId").asText())
                        .header("ce-source", "//pubsub.googleapis.com/projects/" + PubSubEmulator.PROJECT + "/topics/" + topic)
                        .header("ce-type", "google.cloud.pubsub.topic.v1.messagePublished")
                        .header("ce-time", message.path("publishTime").asText())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
                status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException | RuntimeException e) {
                status = 502;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = 503;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        return new EventarcBridge(server);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
