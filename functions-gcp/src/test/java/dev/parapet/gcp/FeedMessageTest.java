package dev.parapet.gcp;

import dev.parapet.core.json.Json;
import dev.parapet.gcp.feed.BadMessageException;
import dev.parapet.gcp.feed.FeedMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Feed messages are checked before anything is assessed; each malformed shape is named with where it came from. */
class FeedMessageTest {

    static FeedMessage parse(String json) throws Exception {
        return FeedMessage.of(Json.MAPPER.readTree(json), "message 42");
    }

    @Test
    void readsTheRealFeedMessage() throws Exception {
        FeedMessage m = FeedMessage.of(CloudAssetStub.fixture("/cloudasset/feed-message.json"), "message 1");
        assertThat(m.name()).isEqualTo("//storage.googleapis.com/acme-prod-private");
        assertThat(m.half()).isEqualTo(FeedMessage.Half.RESOURCE);
        assertThat(m.deleted()).isFalse();
        assertThat(m.window()).isEqualTo(Instant.parse("2025-12-01T08:00:00Z"));
    }

    @Test
    void aDeletionNeedsNoContent() throws Exception {
        FeedMessage m = parse("{\"asset\":{\"name\":\"//storage.googleapis.com/b\",\"assetType\":\"storage.googleapis.com/Bucket\"},"
                + "\"window\":{\"startTime\":\"2025-12-01T10:00:00Z\"},\"deleted\":true}");
        assertThat(m.deleted()).isTrue();
        assertThat(m.half()).isEqualTo(FeedMessage.Half.NONE);
    }

    @Test
    void malformedMessagesAreRejectedWithWhatAndWhere() {
        String window = ",\"window\":{\"startTime\":\"2025-12-01T10:00:00Z\"}";
        assertThatThrownBy(() -> parse("[1]")).isInstanceOf(BadMessageException.class)
                .hasMessage("message 42: feed message is not a JSON object");
        assertThatThrownBy(() -> parse("{\"window\":{}}")).hasMessage("message 42: feed message has no asset object");
        assertThatThrownBy(() -> parse("{\"asset\":{\"name\":\"x\"}" + window + "}"))
                .hasMessage("message 42: feed message asset lacks assetType");
        assertThatThrownBy(() -> parse("{\"asset\":{\"name\":\"x\",\"assetType\":\"t\",\"resource\":{}}}"))
                .hasMessage("message 42: feed message has no window.startTime");
        assertThatThrownBy(() -> parse("{\"asset\":{\"name\":\"x\",\"assetType\":\"t\",\"resource\":{}},"
                + "\"window\":{\"startTime\":\"yesterday\"}}"))
                .hasMessage("message 42: window.startTime 'yesterday' is not an RFC 3339 time");
        assertThatThrownBy(() -> parse("{\"asset\":{\"name\":\"x\",\"assetType\":\"t\",\"resource\":{}},\"deleted\":\"no\"" + window + "}"))
                .hasMessage("message 42: deleted is STRING, not a boolean");
        assertThatThrownBy(() -> parse("{\"asset\":{\"name\":\"x\",\"assetType\":\"t\"}" + window + "}"))
                .hasMessageContaining("carries neither resource nor iamPolicy");
    }
}
