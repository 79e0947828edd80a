package dev.parapet.azure.app;

import com.azure.core.http.HttpHeaders;
import dev.parapet.azure.StubArm;
import dev.parapet.azure.collect.ApiVersions;
import dev.parapet.azure.collect.GraphThrottle;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.assertj.core.api.Assertions.assertThat;

class SmallPartsTest {
    @Test
    void storeUrlsAreRedactedBeforeLogging() {
        assertThat(StructuredLog.redactUrl("jdbc:postgresql://parapet:S3cret!@db.example:5432/parapet?sslmode=require"))
                .isEqualTo("jdbc:postgresql://***@db.example:5432/parapet?sslmode=require");
        assertThat(StructuredLog.redactUrl("jdbc:postgresql://db.example/parapet?user=parapet&password=S3cret!&sslmode=require"))
                .doesNotContain("S3cret").contains("password=***").contains("sslmode=require");
    }

    @Test
    void ownIdentityComesFromTheTokensClaims() {
        assertThat(SelfIdentity.ids(StubArm.credential(), "https://management.azure.com/.default"))
                .containsExactly(StubArm.SELF_OBJECT_ID);
        assertThat(SelfIdentity.claims("not a token")).isEmpty();
    }

    @Test
    void quotaHeadersTurnIntoWaits() {
        assertThat(GraphThrottle.waitAfter(new HttpHeaders().set("x-ms-user-quota-remaining", "3")
                .set("x-ms-user-quota-resets-after", "00:00:04"))).isZero();
        assertThat(GraphThrottle.waitAfter(new HttpHeaders().set("x-ms-user-quota-remaining", "0")
                .set("x-ms-user-quota-resets-after", "00:00:04.5"))).isEqualTo(Duration.ofMillis(4500));
        assertThat(GraphThrottle.waitAfter(new HttpHeaders().set("x-ms-user-quota-remaining", "0")
                .set("x-ms-user-quota-resets-after", "01:00:00"))).isEqualTo(Duration.ofSeconds(60));
        assertThat(GraphThrottle.waitAfter(new HttpHeaders().set("x-ms-user-quota-remaining", "0")
                .set("x-ms-user-quota-resets-after", "soon"))).isEqualTo(Duration.ofSeconds(1));
        assertThat(GraphThrottle.waitAfter(new HttpHeaders())).isZero();
    }

    @Test
    void newestStableApiVersionWinsAndPreviewOnlyTypesStillGetOne() {
        assertThat(ApiVersions.newestOf(List.of("2023-01-01", "2025-01-01-preview", "2024-05-01"))).hasValue("2024-05-01");
        assertThat(ApiVersions.newestOf(List.of("2021-05-01-preview", "2022-01-01-preview"))).hasValue("2022-01-01-preview");
    }

    @Test
    void settingsAreValidatedWithClearMessages() {
        assertThatThrownBy(() -> AzureSettings.from(Map.of()))
                .hasMessageContaining("PARAPET_STORE_URL is not set");
        assertThatThrownBy(() -> AzureSettings.from(Map.of(AzureSettings.STORE_URL,
                "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/parapet-store-url/)")))
                .hasMessageContaining("unresolved Key Vault reference");
        assertThatThrownBy(() -> AzureSettings.from(Map.of(AzureSettings.STORE_URL, "jdbc:sqlite:x.db",
                AzureSettings.PARALLELISM, "lots"))).hasMessageContaining("PARAPET_ARM_PARALLELISM must be a whole number");
        assertThat(AzureSettings.from(Map.of(AzureSettings.STORE_URL, "jdbc:sqlite:x.db",
                AzureSettings.SUBSCRIPTIONS, " A1, b2 ")).scope().subscriptions()).containsExactly("a1", "b2");
    }
}
