package dev.parapet.core.report;

import dev.parapet.core.model.ResourceRef;
import dev.parapet.core.store.Scan;
import dev.parapet.core.store.ScanScope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which scans a report covers: the latest complete scan of every scope, and for each of them the complete scan
 * before it that covered any of the same scopes (its delta baseline). Scopes match the way the store matches them:
 * same provider, same account (case-insensitive), and the same region unless either side covers every region.
 */
final class ScanSelection {
    static final Comparator<Scan> NEWEST_FIRST = Comparator.comparing(Scan::finishedAt).reversed()
            .thenComparing(Scan::id);

    private ScanSelection() {
    }

    static List<Scan> complete(List<Scan> scans) {
        return scans.stream().filter(s -> "COMPLETE".equals(s.state()) && s.finishedAt() != null)
                .sorted(NEWEST_FIRST).toList();
    }

    /** Newest first, each scan kept only if it covers a scope no newer kept scan covers. */
    static List<Scan> latestPerScope(List<Scan> complete) {
        List<Scan> kept = new ArrayList<>();
        for (Scan scan : complete.stream().sorted(NEWEST_FIRST).toList()) {
            boolean addsScope = scan.scopes().stream().anyMatch(scope -> kept.stream()
                    .noneMatch(k -> k.scopes().stream().anyMatch(ks -> contains(ks, scope))));
            if (addsScope) {
                kept.add(scan);
            }
        }
        return List.copyOf(kept);
    }

    /** The newest complete scan finished before {@code latest} that shares a scope with it. */
    static Optional<Scan> baseline(Scan latest, List<Scan> complete) {
        return complete.stream().sorted(NEWEST_FIRST)
                .filter(s -> !s.id().equals(latest.id()) && s.finishedAt().isBefore(latest.finishedAt()))
                .filter(s -> s.scopes().stream().anyMatch(a -> latest.scopes().stream().anyMatch(b -> overlaps(a, b))))
                .findFirst();
    }

    static boolean covers(List<Scan> scans, ResourceRef r) {
        return scans.stream().anyMatch(s -> s.scopes().stream().anyMatch(scope -> covers(scope, r)));
    }

    static boolean covers(ScanScope scope, ResourceRef r) {
        return scope.provider() == r.provider() && scope.account().equalsIgnoreCase(r.account())
                && (scope.region() == null || scope.region().equalsIgnoreCase(r.region()));
    }

    /** When the earliest of the given scans started: score points before it belong to earlier reports. */
    static Optional<Instant> earliestStart(List<Scan> scans) {
        return scans.stream().map(Scan::startedAt).min(Comparator.naturalOrder());
    }

    private static boolean contains(ScanScope outer, ScanScope inner) {
        return outer.provider() == inner.provider() && outer.account().equalsIgnoreCase(inner.account())
                && (outer.region() == null || outer.region().equalsIgnoreCase(inner.region()));
    }

    private static boolean overlaps(ScanScope a, ScanScope b) {
        return a.provider() == b.provider() && a.account().equalsIgnoreCase(b.account())
                && (a.region() == null || b.region() == null || a.region().equalsIgnoreCase(b.region()));
    }
}
