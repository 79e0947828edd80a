package dev.parapet.gcp.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.functions.CloudEventsFunction;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Status;
import dev.parapet.core.report.ReportPublisher;
import dev.parapet.core.store.PublishedReport;
import dev.parapet.gcp.collect.AssetScope;
import dev.parapet.gcp.collect.Collected;
import dev.parapet.gcp.collect.Unreadable;
import dev.parapet.gcp.feed.BadMessageException;
import dev.parapet.gcp.scan.GcpScan;
import io.cloudevents.CloudEvent;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scheduled assessment: Cloud Scheduler publishes to the scan topic, whose push subscription invokes this function.
 * It lists the scope with Cloud Asset, assesses each project and writes one scan per project, then runs the ticket
 * hook. The message may name another scope: {@code {"scope": "folders/123"}}; otherwise PARAPET_SCOPE is scanned.
 * A failure fails the event: Pub/Sub retries it, then dead-letters it.
 */
public final class ScanFunction implements CloudEventsFunction {

    @Override
    public void accept(CloudEvent event) {
        try {
            run(PubSubMessage.of(event));
        } catch (RuntimeException e) {
            JsonLog.error("scan failed; Pub/Sub will retry, then dead-letter it", Map.of("eventId", String.valueOf(event.getId())), e);
            throw new FunctionFailedException(e);
        }
    }

    private static void run(PubSubMessage message) {
        AssetScope scope = scope(message.json(), Settings.from(System.getenv()).scope());
        FunctionRuntime runtime = FunctionRuntime.get();
        long started = System.nanoTime();
        JsonLog.info("scan started", Map.of("scope", scope.parent(), "messageId", String.valueOf(message.messageId())));
        Collected collected = runtime.collector().collect(scope, line -> { });
        for (Unreadable u : collected.unreadable()) {
            JsonLog.warn("asset type could not be listed: its rules report ERROR and the scan resolves nothing",
                    Map.of("scope", u.scope(), "assetType", u.assetType(), "contentType", u.contentType().name(),
                            "code", u.code(), "reason", u.message()));
        }
        collected.problems().forEach(p -> JsonLog.warn("asset could not be read", Map.of("problem", p.toString())));
        List<GcpScan.ProjectResult> results = new GcpScan(runtime.engine, runtime.clock)
                .assess(collected, "schedule", runtime.store);
        for (GcpScan.ProjectResult r : results) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("project", r.project());
            fields.put("complete", r.complete());
            fields.put("scanId", r.result().scan().id());
            fields.put("findings", r.result().assessment().findings().size());
            fields.put("failing", count(r.result().assessment().findings(), Status.FAIL));
            fields.put("errors", count(r.result().assessment().findings(), Status.ERROR));
            fields.put("scorePercent", r.result().score().overall().percent());
            if (r.result().stored() != null) {
                fields.put("opened", r.result().stored().opened());
                fields.put("resolved", r.result().stored().resolved());
            }
            JsonLog.info("project assessed", fields);
        }
        runtime.tickets.afterWrite(runtime.store, "schedule");
        publishReport(runtime);
        JsonLog.info("scan finished", Map.of("scope", scope.parent(), "resources", collected.resources().size(),
                "projects", results.size(), "pages", collected.pages(), "unreadable", collected.unreadable().size(),
                "orphanPolicies", collected.orphanPolicies(), "millis", (System.nanoTime() - started) / 1_000_000));
    }

    /** The scans are stored and complete: a report that cannot be published is logged, never a failed event. */
    private static void publishReport(FunctionRuntime runtime) {
        try {
            ReportPublisher reports = runtime.reports();
            if (reports == null) {
                return;
            }
            PublishedReport report = reports.publish(runtime.store);
            JsonLog.info("report published", Map.of("location", report.id(), "files", report.files().size(),
                    "scans", report.scanIds()));
        } catch (IOException | RuntimeException e) {
            JsonLog.error("report not published; the scan is complete regardless", Map.of(), e);
        }
    }

    static AssetScope scope(JsonNode payload, String configured) {
        String requested = payload == null ? null : Json.text(payload, "scope");
        String scope = requested != null ? requested : configured;
        if (scope == null) {
            throw new BadMessageException("no scope to scan: set PARAPET_SCOPE or send {\"scope\": \"projects/P\"}");
        }
        try {
            return AssetScope.parse(scope);
        } catch (IllegalArgumentException e) {
            throw new BadMessageException(e.getMessage());
        }
    }

    private static long count(List<Finding> findings, Status status) {
        return findings.stream().filter(f -> f.status() == status).count();
    }
}
