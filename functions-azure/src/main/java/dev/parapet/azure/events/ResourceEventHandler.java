package dev.parapet.azure.events;

import dev.parapet.azure.app.StructuredLog;
import dev.parapet.azure.app.TicketForwarding;
import dev.parapet.azure.collect.ApiVersions;
import dev.parapet.azure.collect.ArmId;
import dev.parapet.azure.collect.AzureCollector;
import dev.parapet.azure.collect.ChildRead;
import dev.parapet.azure.collect.ReadFailure;
import dev.parapet.core.engine.RelatedResources;
import dev.parapet.core.ingest.ParseResult;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;
import dev.parapet.core.run.ChangeAssessor;
import dev.parapet.core.store.ChangeSummary;
import dev.parapet.core.store.Store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Handles Resource Manager events: skips noise, reads the changed resource (or, for a child document the rules read,
 * its parent) with the child documents its rules need, assesses it against the stored inventory and writes only its
 * findings. Deletions resolve findings of the resource and of its stored children. Every event of a delivery is tried;
 * if any failed, {@link EventFailedException} is thrown afterwards so that Event Grid retries the delivery (writes are
 * idempotent) and finally dead-letters it: nothing is lost silently.
 */
public final class ResourceEventHandler {
    private final AzureCollector collector;
    private final ApiVersions versions;
    private final NoiseFilter filter;
    private final ChangeAssessor assessor;
    private final Store store;
    private final TicketForwarding tickets;
    private final StructuredLog log;

    public ResourceEventHandler(AzureCollector collector, ApiVersions versions, NoiseFilter filter,
                                ChangeAssessor assessor, Store store, TicketForwarding tickets, StructuredLog log) {
        this.collector = collector;
        this.versions = versions;
        this.filter = filter;
        this.assessor = assessor;
        this.store = store;
        this.tickets = tickets;
        this.log = log;
    }

    /** @param action processed, skipped or failed */
    public record Outcome(String eventId, String resourceId, String action, String detail, ChangeSummary stored,
                          List<ReadFailure> unreadable) {
    }

    public static final class EventFailedException extends RuntimeException {
        public EventFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public List<Outcome> handle(String body) {
        List<ResourceEvent> events;
        try {
            events = EventParser.parse(body);
        } catch (MalformedEventException e) {
            log.error("event.malformed", Map.of("error", e.getMessage(), "bodyChars", body == null ? 0 : body.length()));
            throw e;
        }
        List<Outcome> outcomes = new ArrayList<>();
        RuntimeException firstFailure = null;
        for (ResourceEvent e : events) {
            Outcome o;
            try {
                o = handle(e);
            } catch (RuntimeException ex) {
                firstFailure = firstFailure == null ? ex : firstFailure;
                o = new Outcome(e.id(), e.resourceId(), "failed", ex.getClass().getSimpleName() + ": " + ex.getMessage(),
                        null, List.of());
                log.error("event.failed", fields(e, Map.of("error", o.detail())));
            }
            outcomes.add(o);
        }
        if (outcomes.stream().anyMatch(o -> o.stored() != null)) {
            tickets.afterWrite(store, log);
        }
        if (firstFailure != null) {
            long failed = outcomes.stream().filter(o -> o.action().equals("failed")).count();
            throw new EventFailedException(failed + " of " + outcomes.size() + " event(s) failed; first: "
                    + firstFailure.getMessage(), firstFailure);
        }
        return outcomes;
    }

    Outcome handle(ResourceEvent e) {
        Optional<String> skip = filter.skipReason(e);
        if (skip.isPresent()) {
            log.info("event.skipped", fields(e, Map.of("reason", skip.get())));
            return new Outcome(e.id(), e.resourceId(), "skipped", skip.get(), null, List.of());
        }
        ArmId target = ArmId.parse(e.resourceId());
        boolean isReadChild = ChildRead.returning(target.type()).stream()
                .anyMatch(r -> r.parentType().equalsIgnoreCase(NoiseFilter.parentTypeOf(target)));
        ArmId subject = isReadChild ? ArmId.parse(target.parent()) : target;
        RelatedResources inventory = store.inventory();
        List<Resource> changed = new ArrayList<>();
        List<ReadFailure> unreadable = List.of();
        String how;
        if (e.isDelete() && target.typeIs(ArmId.RESOURCE_GROUP_TYPE)) {
            changed.addAll(groupDeletion(target, inventory, e.eventTime()));
            how = "resource group deleted";
        } else if (e.isDelete() && !isReadChild) {
            changed.addAll(deletion(subject, inventory, e.eventTime()));
            how = "deleted";
        } else {
            AzureCollector.SubjectRead read = collector.readSubject(subject, versions);
            if (read.absent()) {
                changed.addAll(deletion(subject, inventory, e.eventTime()));
                how = "gone when read";
            } else {
                ParseResult parsed = collector.parse(read.documents(), "event " + e.id());
                if (!parsed.problems().isEmpty()) {
                    throw new IllegalStateException("ARM returned documents that cannot be parsed: " + parsed.problems());
                }
                changed.addAll(parsed.resources());
                changed.addAll(staleChildren(subject, parsed.resources(), inventory, e.eventTime()));
                if (e.isDelete()) {
                    changed.addAll(deletedIfStored(target, inventory, e.eventTime(), changed));
                }
                unreadable = read.failures();
                how = "read";
            }
        }
        ChangeAssessor.Result result = assessor.assess(changed, store);
        ChangeSummary s = result.stored();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("subject", subject.id());
        extra.put("how", how);
        extra.put("documents", changed.size());
        extra.put("findings", result.assessment().findings().size());
        extra.put("opened", s.opened());
        extra.put("resolved", s.resolved());
        extra.put("stale", s.stale());
        extra.put("unreadable", unreadable.stream().map(ReadFailure::describe).toList());
        log.info("event.processed", fields(e, extra));
        return new Outcome(e.id(), e.resourceId(), "processed", how, s, unreadable);
    }

    /** The resource and every stored document below it, marked deleted as of the event. */
    private List<Resource> deletion(ArmId id, RelatedResources inventory, Instant at) {
        List<Resource> out = new ArrayList<>();
        Optional<Resource> stored = storedById(id, inventory);
        out.add(deleted(stored.orElse(null), id, at));
        String canonical = stored.map(Resource::id).orElse(id.id());
        for (String type : childTypes()) {
            for (Resource child : inventory.children(Provider.AZURE, canonical, type)) {
                out.add(deleted(child, ArmId.parse(child.id()), at));
            }
        }
        return out;
    }

    /** Every stored document in the resource group, marked deleted. */
    private List<Resource> groupDeletion(ArmId group, RelatedResources inventory, Instant at) {
        String prefix = group.id().toLowerCase(Locale.ROOT) + "/";
        String sub = group.subscription().toLowerCase(Locale.ROOT);
        List<Resource> out = new ArrayList<>();
        for (String type : collector.documentTypes()) {
            for (Resource r : inventory.find(Provider.AZURE, sub, null, type)) {
                if (r.id().toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    out.add(deleted(r, ArmId.parse(r.id()), at));
                }
            }
        }
        return out;
    }

    /** Stored documents of the subject's collections (firewall rules, keys, ...) that the fresh read no longer lists. */
    private List<Resource> staleChildren(ArmId subject, List<Resource> fresh, RelatedResources inventory, Instant at) {
        Set<String> freshIds = fresh.stream().map(r -> r.id().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Optional<Resource> stored = storedById(subject, inventory);
        String parentId = stored.map(Resource::id).orElse(subject.id());
        List<Resource> out = new ArrayList<>();
        for (ChildRead read : ChildRead.forParent(subject.type())) {
            String collection = read.target(parentId).toLowerCase(Locale.ROOT);
            for (Resource child : inventory.children(Provider.AZURE, parentId, read.resultType())) {
                String cid = child.id().toLowerCase(Locale.ROOT);
                boolean inCollection = cid.equals(collection) || cid.startsWith(collection + "/");
                if (inCollection && !freshIds.contains(cid)) {
                    out.add(deleted(child, ArmId.parse(child.id()), at));
                }
            }
        }
        return out;
    }

    private List<Resource> deletedIfStored(ArmId target, RelatedResources inventory, Instant at, List<Resource> already) {
        boolean listed = already.stream().anyMatch(r -> r.id().equalsIgnoreCase(target.id()));
        return listed ? List.of() : storedById(target, inventory).map(r -> List.of(deleted(r, target, at))).orElse(List.of());
    }

    private static Optional<Resource> storedById(ArmId id, RelatedResources inventory) {
        String sub = id.subscription().toLowerCase(Locale.ROOT);
        List<Resource> candidates = id.parent() == null || id.isSubscription()
                ? inventory.find(Provider.AZURE, sub, null, id.type())
                : inventory.children(Provider.AZURE, id.parent(), id.type());
        if (candidates.isEmpty() && !id.isSubscription()) {
            candidates = inventory.find(Provider.AZURE, sub, null, id.type());
        }
        return candidates.stream().filter(r -> r.id().equalsIgnoreCase(id.id())).findFirst();
    }

    private static Resource deleted(Resource stored, ArmId id, Instant at) {
        if (stored != null) {
            Instant when = at.isAfter(stored.observedAt()) ? at : stored.observedAt();
            return new Resource(stored.provider(), stored.id(), stored.type(), stored.account(), stored.region(),
                    stored.name(), stored.tags(), when, true, stored.document());
        }
        var doc = Json.MAPPER.createObjectNode();
        doc.put("id", id.id());
        doc.put("type", id.type());
        doc.put("name", id.name());
        return new Resource(Provider.AZURE, id.id(), id.type(), id.subscription().toLowerCase(Locale.ROOT), null,
                id.name(), Map.of(), at, true, doc);
    }

    /** Types of documents that live below another resource (databases, extensions, blob services, keys, ...). */
    private Set<String> childTypes() {
        return collector.documentTypes().stream()
                .filter(t -> t.indexOf('/') != t.lastIndexOf('/'))
                .collect(Collectors.toSet());
    }

    private static Map<String, Object> fields(ResourceEvent e, Map<String, ?> extra) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("eventId", e.id());
        f.put("schema", e.schema());
        f.put("eventType", e.eventType());
        f.put("resourceId", e.resourceId());
        f.put("operationName", e.operationName());
        f.putAll(extra);
        return f;
    }
}
