package dev.parapet.aws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.aws.scan.ScanPart;
import dev.parapet.aws.scan.ScanService;
import dev.parapet.core.json.Json;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Scheduled assessment, first step: for each account, begin a scan and send its parts (per type group and region)
 * to the work queue, where {@link ScanWorkerHandler} runs them. The scan id derives from the schedule event's id,
 * so a retried invocation re-sends the same parts of the same scans, which count once.
 */
public final class ScheduleHandler implements RequestStreamHandler {
    private final Container container;

    public ScheduleHandler() {
        this(Container.shared());
    }

    public ScheduleHandler(Container container) {
        this.container = container;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonLog log = new JsonLog(System.out, "schedule");
        JsonNode event = Json.MAPPER.readTree(input);
        String triggerId = event != null && event.hasNonNull("id") ? event.get("id").asText() : UUID.randomUUID().toString();
        Settings settings = container.settings();
        String queue = settings.require(settings.workQueueUrl(), "PARAPET_WORK_QUEUE_URL");
        List<ScanService.Planned> planned = container.scans().start(triggerId, container.members(), settings.regions(),
                settings.region(), container.store());
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode scans = result.putArray("scans");
        Metrics metrics = new Metrics(System.out, "schedule");
        for (ScanService.Planned p : planned) {
            send(queue, p.parts());
            scans.addObject().put("scanId", p.scanId()).put("account", p.account()).put("parts", p.parts().size());
            metrics.add("PartsSent", p.parts().size());
            log.info("scan started", Map.of("scanId", p.scanId(), "account", p.account(), "parts", p.parts().size()));
        }
        metrics.add("ScansStarted", planned.size()).flush();
        output.write(result.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void send(String queue, List<ScanPart> parts) {
        var sqs = container.clients().sqs(container.settings().region());
        for (int from = 0; from < parts.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(parts.size(), from + 10); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("p" + i).messageBody(parts.get(i).toJson()).build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(entries));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException(response.failed().size() + " scan parts could not be queued: "
                        + response.failed().get(0).code() + " " + response.failed().get(0).message());
            }
        }
    }
}
