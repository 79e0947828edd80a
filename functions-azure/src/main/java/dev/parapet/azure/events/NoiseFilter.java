package dev.parapet.azure.events;

import dev.parapet.azure.collect.ArmId;
import dev.parapet.azure.collect.ChildRead;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Decides which Resource Manager events are worth a read: each rule below is explicit and returns the reason an
 * event is skipped. The Event Grid subscription drops the obvious noise before delivery (infra/azure); this is the
 * authoritative check, because only the code knows which types and child documents the rules read.
 */
public final class NoiseFilter {
    /** Writes under these types never change what a rule reads. */
    static final List<String> NO_POSTURE_TYPES = List.of(
            "Microsoft.Resources/deployments",
            "Microsoft.Resources/tags",
            "Microsoft.Authorization/locks",
            "Microsoft.Resources/deploymentScripts");

    private final Predicate<String> collectedType;
    private final Supplier<Set<String>> ignoredPrincipals;

    /**
     * @param collectedType     whether some rule or ARM read concerns a type (AzureCollector::isCollected)
     * @param ignoredPrincipals object or application ids whose writes are ignored: Parapet's own identity, plus any
     *                          configured (lower-cased); resolved lazily because the own id comes from a token
     */
    public NoiseFilter(Predicate<String> collectedType, Supplier<Set<String>> ignoredPrincipals) {
        this.collectedType = collectedType;
        this.ignoredPrincipals = ignoredPrincipals;
    }

    /** Empty when the event must be processed; else why it is skipped. Throws for a resource id that is not ARM's. */
    public Optional<String> skipReason(ResourceEvent e) {
        if (!ResourceEvent.WRITE_SUCCESS.equalsIgnoreCase(e.eventType())
                && !ResourceEvent.DELETE_SUCCESS.equalsIgnoreCase(e.eventType())) {
            return Optional.of("event type " + e.eventType() + " is not a successful write or delete");
        }
        if (e.status() != null && !e.status().equalsIgnoreCase("Succeeded")) {
            return Optional.of("operation status is " + e.status());
        }
        String operation = e.operationName() == null ? "" : e.operationName().toLowerCase(Locale.ROOT);
        if (operation.startsWith("microsoft.resources/deployments/")) {
            return Optional.of("deployment history (" + e.operationName() + ")");
        }
        Set<String> ignored = ignoredPrincipals.get();
        if (matches(ignored, e.principalId()) || matches(ignored, e.appId())) {
            return Optional.of("written by an ignored principal (Parapet's own identity or PARAPET_IGNORE_PRINCIPALS)");
        }
        if (e.resourceId().regionMatches(true, 0, "/providers/", 0, 11)) {
            return Optional.of("tenant or management group scope: not part of a subscription's inventory");
        }
        ArmId id;
        try {
            id = ArmId.parse(e.resourceId());
        } catch (IllegalArgumentException ex) {
            throw new MalformedEventException("event " + e.id() + ": " + ex.getMessage());
        }
        if (id.typeIs(ArmId.RESOURCE_GROUP_TYPE)) {
            // deleting a group deletes everything in it, without an event per resource
            return e.isDelete() ? Optional.empty() : Optional.of("resource group writes do not change posture");
        }
        for (String t : NO_POSTURE_TYPES) {
            if (id.typeIs(t)) {
                return Optional.of(t + " does not change posture");
            }
        }
        List<ChildRead> returning = ChildRead.returning(id.type());
        List<ChildRead> reads = returning.stream()
                .filter(r -> id.parent() != null && parentTypeOf(id).equalsIgnoreCase(r.parentType()))
                .toList();
        if (!returning.isEmpty() && reads.isEmpty()) {
            return Optional.of(id.type() + " of a " + parentTypeOf(id) + ": no rule reads it there");
        }
        if (!reads.isEmpty()) {
            boolean wanted = reads.stream().anyMatch(r -> r.mode() != ChildRead.Mode.GET
                    || id.id().equalsIgnoreCase(r.target(id.parent())));
            return wanted ? Optional.empty()
                    : Optional.of("child " + id.name() + " of type " + id.type() + " is not one the rules read");
        }
        if (collectedType.test(id.type())) {
            return Optional.empty();
        }
        return Optional.of(id.type().contains("/") && id.type().indexOf('/') != id.type().lastIndexOf('/')
                ? "child operation on " + id.type() + ", which no rule reads"
                : "no rule reads " + id.type());
    }

    static String parentTypeOf(ArmId id) {
        ArmId parent = ArmId.parse(id.parent());
        return parent.type() == null ? "" : parent.type();
    }

    private static boolean matches(Set<String> ignored, String principal) {
        return principal != null && ignored.contains(principal.toLowerCase(Locale.ROOT));
    }

    /** Lower-cased ids from a comma- or space-separated setting. */
    public static Set<String> principals(String setting) {
        if (setting == null || setting.isBlank()) {
            return Set.of();
        }
        return java.util.Arrays.stream(setting.trim().split("[,\\s]+"))
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
