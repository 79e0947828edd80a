package dev.parapet.aws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.parapet.core.json.Json;

/**
 * Configuration changes and CloudTrail write events delivered through SQS (EventBridge rule → queue): each message
 * body is one EventBridge event. A malformed or failing message is reported alone (ReportBatchItemFailures).
 */
public final class EventQueueHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final Container container;

    public EventQueueHandler() {
        this(Container.shared());
    }

    public EventQueueHandler(Container container) {
        this.container = container;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        JsonLog log = new JsonLog(System.out, "event-queue");
        Metrics metrics = new Metrics(System.out, "event-queue");
        var events = container.events();
        return Batches.run(event, log, metrics, message -> {
            String source = "sqs message " + message.getMessageId();
            var body = Json.MAPPER.readTree(message.getBody());
            EventHandler.report(events.process(body, source, container.store()), source, log, metrics);
        });
    }
}
