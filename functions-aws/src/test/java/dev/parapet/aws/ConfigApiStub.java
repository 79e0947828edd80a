package dev.parapet.aws;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A local stand-in for the AWS Config API (JSON 1.1 protocol, X-Amz-Target StarlingDoveService.*) that answers
 * with real-format response documents, for the parts moto does not emulate (SelectResourceConfig, recorders that
 * record). Records every call so tests can check what was asked.
 */
public final class ConfigApiStub implements AutoCloseable {
    public record Call(String operation, String body) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    /** @param responses operation name to response body for a request body; null answers 400 UnknownOperation */
    public ConfigApiStub(Function<Call, String> responses) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String op = target == null ? "" : target.substring(target.indexOf('.') + 1);
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Call call = new Call(op, body);
            calls.add(call);
            String response = responses.apply(call);
            int status = 200;
            if (response == null) {
                status = 400;
                response = "{\"__type\":\"UnknownOperationException\",\"message\":\"stub has no answer for " + op + "\"}";
            }
            byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    public static String resource(String name) {
        try (InputStream in = ConfigApiStub.class.getResourceAsStream("/config-api/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource config-api/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Function<Call, String> fromFiles(Map<String, String> files) {
        return call -> files.containsKey(call.operation()) ? resource(files.get(call.operation())) : null;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Call> calls() {
        return calls;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
