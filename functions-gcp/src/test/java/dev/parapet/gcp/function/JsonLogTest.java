package dev.parapet.gcp.function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Registered secrets never reach a log line, whether plain or JSON-escaped; the store URL's password included. */
class JsonLogTest {

    @Test
    void masksTheStoreUrlAndItsPassword() {
        Settings settings = Settings.from(java.util.Map.of(
                "PARAPET_STORE_URL", "postgresql://parapet:s3cr\"et-pw@db.internal:5432/parapet"));
        String url = StoreUrlSource.storeUrl(settings);
        assertThat(url).startsWith("postgresql://");
        String line = JsonLog.mask("{\"error\":\"connect to postgresql://parapet:s3cr\\\"et-pw@db.internal:5432/parapet failed\","
                + "\"hint\":\"password s3cr\\\"et-pw rejected\"}");
        assertThat(line).doesNotContain("s3cr").contains("[redacted]");
        assertThat(FunctionRuntime.scheme(url)).isEqualTo("postgresql");
        assertThat(new FunctionFailedException(new IllegalStateException("cannot open " + url)).getMessage())
                .isEqualTo("IllegalStateException: cannot open [redacted]");
    }

    @Test
    void scopeDefaultsToTheFunctionsProject() {
        assertThat(Settings.from(java.util.Map.of("GOOGLE_CLOUD_PROJECT", "acme-sec")).scope()).isEqualTo("projects/acme-sec");
        assertThat(Settings.from(java.util.Map.of("PARAPET_SCOPE", "folders/1", "GOOGLE_CLOUD_PROJECT", "x")).scope())
                .isEqualTo("folders/1");
    }
}
