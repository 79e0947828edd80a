package dev.parapet.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A real headless Chromium driven over the Chrome DevTools Protocol (java.net.http's WebSocket, no library): one
 * page session whose events (requests, console messages, exceptions, log entries) are all recorded.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();
    private String session;

    /** The chromium binary, or null when none is installed. */
    static Path binary() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    HeadlessChromium(Path binary) throws Exception {
        profile = Files.createTempDirectory("parapet-chromium-");
        process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--no-default-browser-check", "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!(Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String log = Files.exists(profile.resolve("chromium.log")) ? Files.readString(profile.resolve("chromium.log")) : "";
                close();
                throw new IllegalStateException("chromium did not open its DevTools port: " + log);
            }
            Thread.sleep(50);
        }
        List<String> lines = Files.readAllLines(portFile);
        URI uri = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(uri, new Listener()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Opens a new page with every domain the tests watch enabled. */
    void openPage() throws Exception {
        String target = browserCall("Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        session = browserCall("Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .path("sessionId").asText();
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            call(domain + ".enable", Map.of());
        }
    }

    void navigate(String url) throws Exception {
        synchronized (events) {
            events.clear();
        }
        JsonNode r = call("Page.navigate", Map.of("url", url));
        if (r.hasNonNull("errorText")) {
            throw new IllegalStateException("navigation to " + url + " failed: " + r.path("errorText").asText());
        }
        waitFor(e -> "Page.loadEventFired".equals(e.path("method").asText()));
    }

    JsonNode evaluate(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("evaluation failed: " + r.path("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    JsonNode call(String method, Map<String, Object> params) throws Exception {
        return send(method, params, session);
    }

    List<JsonNode> events(String method) {
        synchronized (events) {
            return events.stream().filter(e -> method.equals(e.path("method").asText())).toList();
        }
    }

    private JsonNode browserCall(String method, Map<String, Object> params) throws Exception {
        return send(method, params, null);
    }

    private JsonNode send(String method, Map<String, Object> params, String sessionId) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode msg = Json.MAPPER.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", Json.MAPPER.valueToTree(params));
        if (sessionId != null) {
            msg.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(Json.MAPPER.writeValueAsString(msg), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonNode r = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IllegalStateException(method + " failed: " + r.path("error"));
        }
        return r.path("result");
    }

    private void waitFor(Predicate<JsonNode> event) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (events) {
            while (events.stream().noneMatch(event)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new IllegalStateException("timed out waiting for a DevTools event");
                }
                events.wait(left);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.abort();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(profile)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode msg = Json.MAPPER.readTree(text);
                    if (msg.has("id")) {
                        CompletableFuture<JsonNode> reply = pending.remove(msg.path("id").asInt());
                        if (reply != null) {
                            reply.complete(msg);
                        }
                    } else {
                        synchronized (events) {
                            events.add(msg);
                            events.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    pending.values().forEach(f -> f.completeExceptionally(e));
                }
            }
            ws.request(1);
            return null;
        }
    }
}
