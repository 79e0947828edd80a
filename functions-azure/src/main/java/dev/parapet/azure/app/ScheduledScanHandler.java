package dev.parapet.azure.app;

import dev.parapet.azure.collect.ArmId;
import dev.parapet.azure.collect.AzureCollector;
import dev.parapet.azure.collect.AzureScope;
import dev.parapet.azure.collect.ReadFailure;
import dev.parapet.azure.collect.SubscriptionInventory;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;
import dev.parapet.core.model.Status;
import dev.parapet.core.run.BatchAssessor;
import dev.parapet.core.run.BatchResult;
import dev.parapet.core.store.ScanScope;
import dev.parapet.core.store.Store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduled assessment: collect every subscription in scope, assess each and write it as its own complete scan,
 * so that one subscription's trouble never resolves or blocks another's findings. A subscription whose own Resource
 * Graph row is missing was not readable: it gets no scan at all (an empty complete scan would resolve everything).
 */
public final class ScheduledScanHandler {
    private final AzureCollector collector;
    private final BatchAssessor assessor;
    private final Store store;
    private final TicketForwarding tickets;
    private final StructuredLog log;

    public ScheduledScanHandler(AzureCollector collector, BatchAssessor assessor, Store store, TicketForwarding tickets,
                                StructuredLog log) {
        this.collector = collector;
        this.assessor = assessor;
        this.store = store;
        this.tickets = tickets;
        this.log = log;
    }

    /** @param error null when the subscription was assessed and stored */
    public record SubscriptionResult(String subscription, String scanId, int resources, int findings, int failing,
                                     int errors, List<ReadFailure> unreadable, String error) {
    }

    public static final class ScanFailedException extends RuntimeException {
        public ScanFailedException(String message) {
            super(message);
        }
    }

    public List<SubscriptionResult> run(AzureScope scope) {
        List<SubscriptionInventory> inventories;
        try {
            inventories = collector.collect(scope);
        } catch (RuntimeException e) {
            log.error("scan.collect_failed", Map.of("error", String.valueOf(e.getMessage())));
            throw e;
        }
        List<SubscriptionResult> results = new ArrayList<>();
        for (SubscriptionInventory inv : inventories) {
            results.add(assess(inv));
        }
        if (results.stream().anyMatch(r -> r.scanId() != null)) {
            tickets.afterWrite(store, log);
        }
        long failed = results.stream().filter(r -> r.error() != null).count();
        if (failed > 0) {
            throw new ScanFailedException(failed + " of " + results.size() + " subscription(s) were not stored: "
                    + results.stream().filter(r -> r.error() != null)
                    .map(r -> r.subscription() + " (" + r.error() + ")").toList());
        }
        return results;
    }

    private SubscriptionResult assess(SubscriptionInventory inv) {
        String sub = inv.subscriptionId();
        boolean readable = inv.resources().stream().anyMatch(r -> r.type().equalsIgnoreCase(ArmId.SUBSCRIPTION_TYPE));
        if (!readable) {
            String error = "Resource Graph returned no row for the subscription: it is not readable by this identity";
            log.error("scan.subscription_unreadable", Map.of("subscription", sub, "error", error));
            return new SubscriptionResult(sub, null, 0, 0, 0, 0, inv.failures(), error);
        }
        inv.problems().forEach(p -> log.warn("scan.document_problem", Map.of("subscription", sub, "source", p.source(),
                "reason", p.reason())));
        inv.failures().forEach(f -> log.warn("scan.read_failed", Map.of("subscription", sub, "read", f.describe())));
        try {
            List<Resource> resources = inv.resources();
            BatchResult result = assessor.assess(resources, "schedule",
                    List.of(new ScanScope(Provider.AZURE, sub, null)), store);
            int failing = count(result, Status.FAIL);
            int errors = count(result, Status.ERROR);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("subscription", sub);
            fields.put("scanId", result.scan().id());
            fields.put("resources", resources.size());
            fields.put("findings", result.assessment().findings().size());
            fields.put("fail", failing);
            fields.put("error", errors);
            fields.put("unreadable", inv.failures().size());
            fields.put("percent", result.score().overall().percent());
            log.info("scan.stored", fields);
            return new SubscriptionResult(sub, result.scan().id(), resources.size(),
                    result.assessment().findings().size(), failing, errors, inv.failures(), null);
        } catch (RuntimeException e) {
            log.error("scan.store_failed", Map.of("subscription", sub, "error", String.valueOf(e.getMessage())));
            return new SubscriptionResult(sub, null, inv.resources().size(), 0, 0, 0, inv.failures(),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static int count(BatchResult result, Status status) {
        return (int) result.assessment().findings().stream().filter(f -> f.status() == status).count();
    }
}
