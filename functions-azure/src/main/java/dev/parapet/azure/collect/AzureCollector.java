package dev.parapet.azure.collect;

import com.azure.resourcemanager.resources.models.Subscription;
import com.azure.resourcemanager.resources.models.SubscriptionState;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.ingest.ParseResult;
import dev.parapet.core.ingest.ResourceParser;
import dev.parapet.core.json.Json;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Collects the Azure documents the rules read: Resource Graph for the top-level resources of the rules' types and
 * the subscription rows, then the ARM reads of {@link ChildRead}. One collector serves the scheduled function, the
 * event function (one resource at a time) and the CLI. A failed ARM read never aborts: it is reported and replaced by
 * an unreadable stand-in so that the rules reading it report ERROR.
 */
public final class AzureCollector {
    static final String SUBSCRIPTIONS_QUERY = "resourcecontainers | where type =~ 'microsoft.resources/subscriptions'";

    private final ResourceGraph graph;
    private final ArmReader arm;
    private final AzureClients clients;
    private final Set<String> types;
    private final int parallelism;
    private final Clock clock;
    private final Consumer<String> progress;

    /**
     * @param ruleTypes   every type the rules judge or read (RuleSet.typesFor(AZURE)): the inventory is limited to them
     * @param parallelism concurrent ARM reads
     * @param progress    one line per step, for the CLI's stderr or a function's log
     */
    public AzureCollector(AzureClients clients, ResourceGraph graph, Collection<String> ruleTypes, int parallelism,
                          Clock clock, Consumer<String> progress) {
        this.clients = clients;
        this.graph = graph;
        this.arm = new ArmReader(clients);
        this.types = ruleTypes.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
        this.types.addAll(ChildRead.parentTypes());
        this.types.remove(ArmId.SUBSCRIPTION_TYPE.toLowerCase(Locale.ROOT));
        this.parallelism = Math.max(1, parallelism);
        this.clock = clock;
        this.progress = progress;
    }

    public ArmReader arm() {
        return arm;
    }

    /** Every type of document the collector produces (lower case), besides subscriptions. */
    public Set<String> documentTypes() {
        Set<String> out = new TreeSet<>(types);
        ChildRead.ALL.forEach(r -> out.add(r.resultType().toLowerCase(Locale.ROOT)));
        return out;
    }

    /** True when some rule or some ARM read concerns resources of this type. */
    public boolean isCollected(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return types.contains(t) || t.equals(ArmId.SUBSCRIPTION_TYPE.toLowerCase(Locale.ROOT));
    }

    /** The subscriptions in scope, lower-cased. Throws when they cannot be listed. */
    public List<String> subscriptions(AzureScope scope) {
        if (!scope.subscriptions().isEmpty()) {
            return scope.subscriptions();
        }
        if (!scope.managementGroups().isEmpty()) {
            return graph.queryManagementGroups(SUBSCRIPTIONS_QUERY + " | project id, subscriptionId | order by id asc",
                            scope.managementGroups()).stream()
                    .map(row -> Json.text(row, "subscriptionId"))
                    .filter(s -> s != null && !s.isBlank())
                    .map(s -> s.toLowerCase(Locale.ROOT)).distinct().toList();
        }
        List<String> out = new ArrayList<>();
        for (Subscription s : clients.resources().subscriptions().list()) {
            // Disabled and deleted subscriptions are read-only shells with nothing to assess
            if (s.state() == null || s.state() == SubscriptionState.ENABLED || s.state() == SubscriptionState.WARNED
                    || s.state() == SubscriptionState.PAST_DUE) {
                out.add(s.subscriptionId().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /**
     * Collects every subscription in scope. Throws {@link ResourceGraph.GraphException} when the inventory itself
     * cannot be read: then no subscription has a complete picture.
     */
    public List<SubscriptionInventory> collect(AzureScope scope) {
        List<String> subscriptions = subscriptions(scope);
        progress.accept("azure: " + subscriptions.size() + " subscription(s) in scope");
        if (subscriptions.isEmpty()) {
            return List.of();
        }
        Map<String, List<JsonNode>> rows = new LinkedHashMap<>();
        subscriptions.forEach(s -> rows.put(s, new ArrayList<>()));
        List<JsonNode> all = new ArrayList<>(graph.query(SUBSCRIPTIONS_QUERY + " | order by id asc", subscriptions));
        all.addAll(graph.query(resourcesQuery(), subscriptions));
        for (JsonNode row : all) {
            String sub = subscriptionOf(row);
            if (sub != null && rows.containsKey(sub)) {
                rows.get(sub).add(row);
            }
        }
        progress.accept("azure: Resource Graph returned " + all.size() + " row(s)");
        List<SubscriptionInventory> out = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, daemonThreads());
        try {
            for (Map.Entry<String, List<JsonNode>> e : rows.entrySet()) {
                out.add(collectSubscription(e.getKey(), e.getValue(), pool));
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    String resourcesQuery() {
        String list = types.stream().map(t -> "'" + t.replace("'", "\\'") + "'").collect(Collectors.joining(", "));
        return "resources | where type in~ (" + list + ") | order by id asc";
    }

    private SubscriptionInventory collectSubscription(String subscription, List<JsonNode> graphRows, ExecutorService pool) {
        List<JsonNode> documents = new ArrayList<>(graphRows);
        List<ReadFailure> failures = new ArrayList<>();
        List<Future<ChildDocuments>> reads = new ArrayList<>();
        reads.add(pool.submit(() -> readChildren(subscription, "/subscriptions/" + subscription, ArmId.SUBSCRIPTION_TYPE, null)));
        for (JsonNode row : graphRows) {
            String type = Json.text(row, "type");
            String id = Json.text(row, "id");
            // the subscription's own reads were queued above, whatever its row says
            if (type != null && id != null && !type.equalsIgnoreCase(ArmId.SUBSCRIPTION_TYPE)
                    && !ChildRead.forParent(type).isEmpty()) {
                reads.add(pool.submit(() -> readChildren(subscription, id, type, row)));
            }
        }
        for (Future<ChildDocuments> f : reads) {
            ChildDocuments c = await(f);
            documents.addAll(c.documents());
            failures.addAll(c.failures());
        }
        ParseResult parsed = parse(documents, "azure subscription " + subscription);
        progress.accept("azure: subscription " + subscription + ": " + parsed.resources().size() + " document(s), "
                + failures.size() + " unreadable");
        return new SubscriptionInventory(subscription, parsed.resources(), failures, parsed.problems());
    }

    /** Documents read below one parent, with stand-ins for what could not be read. */
    public record ChildDocuments(List<JsonNode> documents, List<ReadFailure> failures) {
    }

    /** Runs every {@link ChildRead} of the parent's type. {@code parent} null skips the appliesTo checks. */
    public ChildDocuments readChildren(String subscription, String parentId, String parentType, JsonNode parent) {
        List<JsonNode> docs = new ArrayList<>();
        List<ReadFailure> failures = new ArrayList<>();
        for (ChildRead read : ChildRead.forParent(parentType)) {
            if (parent != null && !read.appliesTo().test(parent)) {
                continue;
            }
            ArmReader.Result r = read.mode() == ChildRead.Mode.GET
                    ? arm.get(subscription, read.target(parentId), read.query(), read.apiVersion(), read.resultType())
                    : arm.list(subscription, read.target(parentId), read.query(), read.apiVersion(), read.resultType());
            if (r.failure() != null) {
                failures.add(r.failure());
                docs.add(r.failure().unreadableDocument());
                continue;
            }
            if (read.mode() != ChildRead.Mode.LIST_THEN_GET) {
                docs.addAll(r.documents());
                continue;
            }
            for (JsonNode item : r.documents()) {
                String itemId = Json.text(item, "id");
                if (itemId == null) {
                    failures.add(new ReadFailure(subscription, read.target(parentId), read.resultType(), 200,
                            "InvalidResponse", "list item without an id"));
                    continue;
                }
                ArmReader.Result one = arm.get(subscription, itemId, null, read.apiVersion(), read.resultType());
                if (one.failure() != null) {
                    failures.add(one.failure());
                    docs.add(one.failure().unreadableDocument());
                } else {
                    docs.addAll(one.documents());
                }
            }
        }
        return new ChildDocuments(docs, failures);
    }

    /**
     * One resource as it is now, with the child documents its rules read: what an event needs. A subscription is
     * read from Resource Graph (ARM's GET lacks its type); anything else by GET with an api-version from the
     * provider's metadata.
     *
     * @param absent true when ARM says the resource does not exist (404): it was deleted after the event
     */
    public record SubjectRead(List<JsonNode> documents, List<ReadFailure> failures, boolean absent) {
    }

    public SubjectRead readSubject(ArmId subject, ApiVersions versions) {
        String sub = subject.subscription().toLowerCase(Locale.ROOT);
        List<JsonNode> docs = new ArrayList<>();
        List<ReadFailure> failures = new ArrayList<>();
        JsonNode parent = null;
        if (subject.isSubscription()) {
            docs.addAll(graph.query(SUBSCRIPTIONS_QUERY, List.of(sub)));
        } else {
            String version;
            try {
                version = versions.forType(sub, subject).orElse(null);
            } catch (RuntimeException e) {
                version = null;
                failures.add(new ReadFailure(sub, subject.id(), subject.type(), 0, "ProviderMetadataUnreadable",
                        e.getMessage()));
            }
            if (version == null) {
                if (failures.isEmpty()) {
                    failures.add(new ReadFailure(sub, subject.id(), subject.type(), 0, "NoApiVersion",
                            "provider " + subject.namespace() + " lists no api-version for " + subject.type()));
                }
                docs.add(failures.get(0).unreadableDocument());
            } else {
                ArmReader.Result r = arm.get(sub, subject.id(), null, version, subject.type());
                if (r.absent()) {
                    return new SubjectRead(List.of(), List.of(), true);
                }
                if (r.failure() != null) {
                    failures.add(r.failure());
                    docs.add(r.failure().unreadableDocument());
                } else {
                    parent = r.documents().get(0);
                    docs.add(parent);
                }
            }
        }
        ChildDocuments children = readChildren(sub, subject.id(), subject.type(), parent);
        docs.addAll(children.documents());
        failures.addAll(children.failures());
        return new SubjectRead(docs, failures, false);
    }

    /** Turns documents into resources observed now. */
    public ParseResult parse(List<JsonNode> documents, String source) {
        return ResourceParser.parse(Json.MAPPER.valueToTree(documents), source, clock.instant());
    }

    private static String subscriptionOf(JsonNode row) {
        String sub = Json.text(row, "subscriptionId");
        if (sub == null) {
            String id = Json.text(row, "id");
            try {
                sub = id == null ? null : ArmId.parse(id).subscription();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return sub == null ? null : sub.toLowerCase(Locale.ROOT);
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading ARM documents", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("ARM read failed unexpectedly: " + e.getCause(), e.getCause());
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return r -> {
            Thread t = new Thread(r, "parapet-arm-read");
            t.setDaemon(true);
            return t;
        };
    }
}
