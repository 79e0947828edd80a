package dev.parapet.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTPS stand-in for Azure Resource Manager and Resource Graph (WireMock), with an HTTP client that trusts
 * its certificate and a fixed token: the real SDK clients talk to it through a custom AzureEnvironment. The SDK sends
 * bearer tokens only over https, hence the self-signed certificate made once per build with the JDK's keytool.
 */
public final class StubArm implements AutoCloseable {
    private static final String PASSWORD = StubTls.PASSWORD;
    /** The object id in the stub token: "Parapet's own identity" for the noise filter tests. */
    public static final String SELF_OBJECT_ID = "6b1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    public final WireMockServer server;

    public StubArm() {
        Path keystore = keystore();
        server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .httpDisabled(true)
                .dynamicHttpsPort()
                .keystorePath(keystore.toString())
                .keystorePassword(PASSWORD)
                .keyManagerPassword(PASSWORD)
                .keystoreType("PKCS12"));
        server.start();
    }

    public String endpoint() {
        return "https://localhost:" + server.httpsPort();
    }

    /** The JDK HTTP client trusting the stub's certificate (and nothing else). */
    public static HttpClient httpClient() {
        return StubTls.httpClient(keystore());
    }

    /** A JWT-shaped token whose oid claim is {@link #SELF_OBJECT_ID}; the stub accepts any token. */
    public static TokenCredential credential() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = b64("{\"oid\":\"" + SELF_OBJECT_ID + "\",\"aud\":\"https://management.azure.com\"}");
        String token = header + "." + payload + ".";
        return request -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static synchronized Path keystore() {
        Path path = Path.of("target", "stub-arm.p12").toAbsolutePath();
        if (Files.exists(path)) {
            return path;
        }
        try {
            Files.createDirectories(path.getParent());
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "stub", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-storetype", "PKCS12", "-keystore", path.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A test resource as text. */
    public static String resource(String name) {
        try (InputStream in = StubArm.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
