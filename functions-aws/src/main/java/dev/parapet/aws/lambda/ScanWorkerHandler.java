package dev.parapet.aws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.parapet.aws.scan.ScanPart;
import dev.parapet.aws.scan.ScanService;

import dev.parapet.core.report.ReportPublisher;
import dev.parapet.core.store.PublishedReport;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scheduled assessment, second step: runs the scan parts delivered by the work queue (collect, assess, store) and
 * finishes a scan when its last part reports. A failed part is reported alone and retried by SQS.
 */
public final class ScanWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final Container container;

    public ScanWorkerHandler() {
        this(Container.shared());
    }

    public ScanWorkerHandler(Container container) {
        this.container = container;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        JsonLog log = new JsonLog(System.out, "scan-worker");
        Metrics metrics = new Metrics(System.out, "scan-worker");
        ScanService scans = container.scans();
        return Batches.run(event, log, metrics, message -> {
            ScanPart part = ScanPart.fromJson(message.getBody());
            ScanService.PartResult r = scans.runPart(part, container.store());
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("scanId", part.scanId());
            fields.put("account", part.account());
            fields.put("group", part.group());
            fields.put("regions", part.regions());
            fields.put("resources", r.resources());
            fields.put("findings", r.findings());
            fields.put("skipped", r.skipped());
            fields.put("problems", r.problems().stream().map(Object::toString).toList());
            metrics.add("ResourcesCollected", r.resources()).add("CollectionProblems", r.problems().size())
                    .add("AccessDenied", r.problems().stream().filter(p -> p.denied()).count());
            log.info(r.skipped() ? "part of a finished scan skipped" : "part stored", fields);
            if (r.finished() != null) {
                metrics.add("ScansCompleted", 1);
                log.info("scan complete", Map.of("scanId", part.scanId(), "resolved", r.finished().resolved(),
                        "opened", r.finished().opened(), "notSeen", r.finished().notSeen()));
                publishReport(part.scanId(), log);
            }
        });
    }

    /** The scan is complete and stays so: a report that cannot be published is logged, never a failed part. */
    private void publishReport(String scanId, JsonLog log) {
        try {
            ReportPublisher reports = container.reports();
            if (reports == null) {
                return;
            }
            PublishedReport report = reports.publish(container.store());
            log.info("report published", Map.of("scanId", scanId, "location", report.id(),
                    "files", report.files().size(), "scans", report.scanIds()));
        } catch (IOException | RuntimeException e) {
            log.error("report not published; the scan is complete regardless", Map.of("scanId", scanId), e);
        }
    }
}
