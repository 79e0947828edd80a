package dev.parapet.core.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionTest {
    private static final Instant NOW = Instant.parse("2026-03-04T00:00:00Z");

    @Test
    void daysComeFromTheEnvironmentWithAYearByDefault() {
        assertThat(Retention.fromEnv(Map.of())).isEqualTo(Retention.DEFAULT);
        assertThat(Retention.DEFAULT.cutoff(NOW)).isEqualTo(Instant.parse("2025-03-04T00:00:00Z"));
        assertThat(Retention.fromEnv(Map.of(Retention.ENV, " 30 ")).cutoff(NOW)).isEqualTo(Instant.parse("2026-02-02T00:00:00Z"));
        assertThat(Retention.fromEnv(Map.of(Retention.ENV, "off")).forever()).isTrue();
        assertThat(Retention.FOREVER.cutoff(NOW)).isNull();
    }

    @Test
    void badValuesAreNamed() {
        for (String bad : new String[]{"0", "-5", "ninety", "36501"}) {
            assertThatThrownBy(() -> Retention.fromEnv(Map.of(Retention.ENV, bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("PARAPET_RETENTION_DAYS='" + bad + "'");
        }
    }
}
