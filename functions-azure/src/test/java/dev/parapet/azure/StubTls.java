package dev.parapet.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

/** The JDK HTTP client trusting the stub's self-signed certificate only. Free of WireMock, for the cold-start JVM. */
public final class StubTls {
    static final String PASSWORD = "stub-only";

    private StubTls() {
    }

    public static HttpClient httpClient(Path keystore) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(ssl)).build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust the stub certificate in " + keystore + ": " + e, e);
        }
    }
}
