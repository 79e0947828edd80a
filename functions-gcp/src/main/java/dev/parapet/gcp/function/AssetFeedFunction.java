package dev.parapet.gcp.function;

import com.google.cloud.functions.CloudEventsFunction;
import dev.parapet.core.run.ChangeAssessor;
import dev.parapet.gcp.feed.FeedAssessor;
import dev.parapet.gcp.feed.FeedMessage;
import io.cloudevents.CloudEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Real-time assessment: a Cloud Asset feed publishes each change (TemporalAsset) to the feed topic, whose push
 * subscription invokes this function. The asset is assessed with related resources from the stored inventory; a
 * deletion resolves its findings; a message older than the stored state changes nothing. Malformed messages and
 * failures fail the event: Pub/Sub retries it, then dead-letters it.
 */
public final class AssetFeedFunction implements CloudEventsFunction {

    @Override
    public void accept(CloudEvent event) {
        try {
            PubSubMessage message = PubSubMessage.of(event);
            FeedMessage feed = FeedMessage.of(message.json(), "message " + message.messageId());
            FunctionRuntime runtime = FunctionRuntime.get();
            FeedAssessor.Outcome outcome = new FeedAssessor(new ChangeAssessor(runtime.engine)).assess(feed, runtime.store);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("outcome", outcome.outcome());
            fields.put("asset", feed.name());
            fields.put("assetType", feed.assetType());
            fields.put("content", feed.half().name());
            fields.put("deleted", feed.deleted());
            fields.put("window", feed.window().toString());
            fields.put("messageId", String.valueOf(message.messageId()));
            if (outcome.result() != null) {
                fields.put("findings", outcome.result().assessment().findings().size());
                fields.put("written", outcome.result().stored().findingsWritten());
                fields.put("opened", outcome.result().stored().opened());
                fields.put("resolved", outcome.result().stored().resolved());
                fields.put("stale", outcome.result().stored().stale());
            }
            JsonLog.info("asset change assessed", fields);
            if (outcome.result() != null) {
                runtime.tickets.afterWrite(runtime.store, "feed");
            }
        } catch (RuntimeException e) {
            JsonLog.error("asset change not assessed; Pub/Sub will retry, then dead-letter it",
                    Map.of("eventId", String.valueOf(event.getId())), e);
            throw new FunctionFailedException(e);
        }
    }
}
