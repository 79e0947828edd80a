package dev.parapet.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs an SQS batch message by message and reports the failed ones (ReportBatchItemFailures): SQS deletes the
 * others and redelivers only those, which reach the dead-letter queue alone after maxReceiveCount.
 */
final class Batches {
    private Batches() {
    }

    interface MessageHandler {
        void handle(SQSEvent.SQSMessage message) throws Exception;
    }

    static SQSBatchResponse run(SQSEvent event, JsonLog log, Metrics metrics, MessageHandler handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage m : records) {
            try {
                handler.handle(m);
                metrics.add("MessagesProcessed", 1);
            } catch (Exception e) {
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(m.getMessageId()).build());
                metrics.add("MessagesFailed", 1);
                log.error("message failed; SQS will redeliver it, then move it to the dead-letter queue",
                        Map.of("messageId", String.valueOf(m.getMessageId()),
                                "receiveCount", String.valueOf(m.getAttributes() == null ? "?" : m.getAttributes().get("ApproximateReceiveCount"))), e);
            }
        }
        metrics.flush();
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
