package dev.parapet.aws;

import dev.parapet.aws.sdk.AwsClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The local AWS emulator the tests talk to with the real SDK: moto_server at PARAPET_MOTO_URL when set (CI may start
 * one), else a moto_server this JVM starts once on a free loopback port and stops on exit.
 */
public final class Moto {
    public static final String ACCOUNT = "123456789012";
    private static URI endpoint;
    private static Process process;

    private Moto() {
    }

    public static synchronized URI endpoint() {
        if (endpoint != null) {
            return endpoint;
        }
        String configured = System.getenv("PARAPET_MOTO_URL");
        if (configured != null && !configured.isBlank()) {
            endpoint = URI.create(configured.trim());
            return endpoint;
        }
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Path log = Files.createTempFile("moto-", ".log");
            process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> process.destroy()));
            URI uri = URI.create("http://127.0.0.1:" + port);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!ready(uri)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("moto_server did not start (is it on PATH?); log: "
                            + Files.readString(log));
                }
                Thread.sleep(100);
            }
            endpoint = uri;
            return endpoint;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start moto_server: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean ready(URI uri) {
        try {
            HttpURLConnection c = (HttpURLConnection) uri.resolve("/moto-api/data.json").toURL().openConnection();
            c.setConnectTimeout(500);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Clears every emulated resource. */
    public static void reset() {
        post("/moto-api/reset", "");
    }

    /** Turns IAM authorization of every request on (requests then need a moto IAM user's keys) or off. */
    public static void enforceIam(boolean on) {
        post("/moto-api/reset-auth", on ? "0" : "inf");
    }

    private static void post(String path, String body) {
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint().resolve(path).toURL().openConnection();
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "text/plain");
            c.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            if (c.getResponseCode() != 200) {
                throw new IllegalStateException("moto " + path + " answered " + c.getResponseCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("moto " + path + ": " + e.getMessage(), e);
        }
    }

    public static AwsClients clients() {
        return clients("testing", "testing");
    }

    public static AwsClients clients(String accessKey, String secretKey) {
        return AwsClients.create(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)),
                endpoint());
    }
}
