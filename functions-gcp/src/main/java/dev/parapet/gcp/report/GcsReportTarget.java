package dev.parapet.gcp.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.client.http.FileContent;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import dev.parapet.core.json.Json;
import dev.parapet.core.report.ReportTarget;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Publishes report files to one Cloud Storage bucket with the JSON API's single-request ("media") upload, on the
 * HTTP client the Google libraries already bring (google-cloud-storage is not in this build). An object is
 * replaced all at once, so a reader of a {@code latest/} key never sees half a file.
 */
public final class GcsReportTarget implements ReportTarget {
    public static final String GOOGLE = "https://storage.googleapis.com";
    private static final String SCOPE = "https://www.googleapis.com/auth/devstorage.read_write";

    private final HttpRequestFactory http;
    private final String endpoint;
    private final String bucket;

    GcsReportTarget(HttpRequestFactory http, String endpoint, String bucket) {
        if (bucket == null || bucket.isBlank() || bucket.contains("/")) {
            throw new IllegalArgumentException("report bucket '" + bucket + "' is not a Cloud Storage bucket name");
        }
        this.http = http;
        this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        this.bucket = bucket;
    }

    /**
     * @param endpoint null for Google's; {@code http://host:port} for a local stub, which gets no credentials
     */
    public static GcsReportTarget create(String endpoint, String bucket) {
        NetHttpTransport transport = new NetHttpTransport();
        if (endpoint != null && endpoint.startsWith("http://")) {
            return new GcsReportTarget(transport.createRequestFactory(), endpoint, bucket);
        }
        try {
            GoogleCredentials credentials = GoogleCredentials.getApplicationDefault().createScoped(SCOPE);
            return new GcsReportTarget(transport.createRequestFactory(new HttpCredentialsAdapter(credentials)),
                    endpoint == null ? GOOGLE : endpoint, bucket);
        } catch (IOException e) {
            throw new IllegalStateException("no Application Default Credentials for Cloud Storage: " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String key, Path content, String contentType) throws IOException {
        GenericUrl url = new GenericUrl(endpoint + "/upload/storage/v1/b/" + encode(bucket) + "/o?uploadType=media&name="
                + encode(key));
        HttpRequest request = http.buildPostRequest(url, new FileContent(contentType, content.toFile()))
                .setThrowExceptionOnExecuteError(false)
                .setNumberOfRetries(3);
        HttpResponse response = request.execute();
        try (InputStream in = response.getContent()) {
            byte[] body = in == null ? new byte[0] : in.readAllBytes();
            if (!response.isSuccessStatusCode()) {
                throw new IOException("cannot write " + describe(key) + ": HTTP " + response.getStatusCode() + " "
                        + errorMessage(body));
            }
            JsonNode object = parse(body, key);
            if (!key.equals(object.path("name").asText()) || !bucket.equals(object.path("bucket").asText())) {
                throw new IOException("Cloud Storage answered the upload of " + describe(key) + " with object "
                        + object.path("bucket").asText() + "/" + object.path("name").asText());
            }
        } finally {
            response.disconnect();
        }
    }

    private JsonNode parse(byte[] body, String key) throws IOException {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IOException("Cloud Storage answered the upload of " + describe(key) + " with no object resource: "
                    + e.getMessage(), e);
        }
    }

    /** The JSON API's {"error": {"message": ...}}, or the start of whatever else came back. */
    private static String errorMessage(byte[] body) {
        try {
            String message = Json.MAPPER.readTree(body).path("error").path("message").asText("");
            if (!message.isEmpty()) {
                return message;
            }
        } catch (IOException e) {
            // not JSON: show the text
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String describe(String key) {
        return "gs://" + bucket + "/" + key;
    }
}
