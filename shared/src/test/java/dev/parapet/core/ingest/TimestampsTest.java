package dev.parapet.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampsTest {

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void readsTheFormsTheCloudsWrite() throws Exception {
        Instant t = Instant.parse("2026-02-14T08:21:45.118Z");
        assertThat(Timestamps.read(json("\"2026-02-14T08:21:45.118Z\""))).isEqualTo(t);           // Config, Cloud Asset
        assertThat(Timestamps.read(json("\"2026-02-14T08:21:45.118000+00:00\""))).isEqualTo(t);  // AWS CLI v2
        assertThat(Timestamps.read(json("\"2026-02-14T10:21:45.118+02:00\""))).isEqualTo(t);
        assertThat(Timestamps.read(json("1771057305.118"))).isEqualTo(t);                        // AWS CLI v1
        assertThat(Timestamps.read(json("1771057305118"))).isEqualTo(t);                         // epoch millis
        assertThat(Timestamps.read(json("\"2026-01-20T16:05:33.1234567Z\"")))                   // ARM systemData
                .isEqualTo(Instant.parse("2026-01-20T16:05:33.123456700Z"));
    }

    @Test
    void absentAndNullAreNotMalformedButGarbageIs() throws Exception {
        assertThat(Timestamps.read(null)).isNull();
        assertThat(Timestamps.malformed(null)).isFalse();
        assertThat(Timestamps.malformed(json("null"))).isFalse();
        assertThat(Timestamps.malformed(json("\"\""))).isFalse();
        for (String garbage : new String[]{"\"yesterday\"", "\"2026-13-01T00:00:00Z\"", "-5", "1e30", "{}", "true"}) {
            assertThat(Timestamps.read(json(garbage))).as(garbage).isNull();
            assertThat(Timestamps.malformed(json(garbage))).as(garbage).isTrue();
        }
    }
}
