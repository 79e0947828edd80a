package dev.parapet.core.store;

import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Status;
import dev.parapet.core.store.FindingRow.Content;
import dev.parapet.core.store.FindingRow.Life;
import dev.parapet.core.store.FindingRow.Phase;

/**
 * The findings state machine, free of SQL: given the stored row (or none) and an event, the row to write, the
 * history entry and the counts. Rules (docs/STORE.md):
 * <ul>
 *   <li>FAIL opens a never-failed pair, reopens a resolved one (reopen count + 1), keeps an open one open.</li>
 *   <li>PASS resolves an open pair (PASSED). ERROR changes no phase: a rule that cannot decide never resolves.</li>
 *   <li>An evaluation observed before the stored one is stale: it only widens first/last seen and the scan mark.</li>
 *   <li>Deletion or a complete scan that no longer sees the pair makes it inactive, resolving it if open. Only
 *       evidence newer than that (observed later, or from a scan started later) brings it back.</li>
 * </ul>
 */
final class Lifecycle {
    private Lifecycle() {
    }

    /** Who saw the evaluation: a scan (id and start), or null for an event. */
    record SeenBy(String scanId, long started) {
    }

    /** What to write (row null: nothing) and what it changed. */
    record Change(FindingRow row, StatusChange history, int opened, int reopened, int resolved, boolean stale) {
        static final Change NONE = new Change(null, null, 0, 0, 0, false);
        static final Change STALE = new Change(null, null, 0, 0, 0, true);
    }

    static Change evaluate(FindingRow current, Finding finding, SeenBy seen) {
        Content content = Content.of(finding);
        long t = content.observedAt();
        long vouched = seen == null ? t : Math.max(t, seen.started());
        String key = finding.key();
        if (current == null) {
            Phase phase = content.status() == Status.FAIL ? Phase.OPEN : Phase.PASSING;
            Life life = new Life(phase, stateOf(phase, content.status()), true, t, vouched, null, null, null, 0,
                    seen == null ? null : seen.scanId(), seen == null ? 0 : seen.started());
            FindingRow row = new FindingRow(key, content, life, 1);
            return new Change(row, history(row, t, seen), phase == Phase.OPEN ? 1 : 0, 0, 0, false);
        }
        Life was = current.life();
        boolean revive = !was.active() && vouched > was.goneAt();
        if (!revive && (!was.active() || t < current.content().observedAt())) {
            if (!was.active()) {
                return Change.STALE;
            }
            Life marked = seenAgain(was, t, vouched, seen);
            return marked.equals(was) ? Change.STALE
                    : new Change(new FindingRow(key, current.content(), marked, current.version() + 1), null, 0, 0, 0, true);
        }
        Phase phase = was.phase();
        Long resolvedAt = was.resolvedAt();
        String resolution = was.resolution();
        int reopenCount = was.reopenCount();
        int opened = 0;
        int reopened = 0;
        int resolved = 0;
        switch (content.status()) {
            case FAIL -> {
                if (phase == Phase.PASSING) {
                    opened = 1;
                } else if (phase == Phase.RESOLVED) {
                    reopened = 1;
                    reopenCount++;
                }
                phase = Phase.OPEN;
                resolvedAt = null;
                resolution = null;
            }
            case PASS -> {
                if (phase == Phase.OPEN) {
                    phase = Phase.RESOLVED;
                    resolvedAt = t;
                    resolved = 1;
                }
                if (phase == Phase.RESOLVED) {
                    resolution = StoredFinding.PASSED;
                }
            }
            case ERROR -> {
                // the rule could not decide: the phase stands
            }
        }
        Life seenLife = seenAgain(was, t, vouched, seen);
        Life life = new Life(phase, stateOf(phase, content.status()), true, seenLife.firstSeen(), seenLife.lastSeen(),
                resolvedAt, resolution, null, reopenCount, seenLife.lastScanId(), seenLife.lastScanStarted());
        if (life.equals(was) && content.equals(current.content())) {
            return Change.NONE;
        }
        FindingRow row = new FindingRow(key, content, life, current.version() + 1);
        StatusChange history = life.state().equals(was.state()) ? null : history(row, t, seen);
        return new Change(row, history, opened, reopened, resolved, false);
    }

    /** The resource was deleted at {@code at}: pairs evaluated no later than that become inactive. */
    static Change deleted(FindingRow current, long at) {
        if (current == null || !current.life().active() || current.content().observedAt() > at) {
            return Change.NONE;
        }
        return gone(current, StoredFinding.DELETED, at, at, null);
    }

    /**
     * A complete scan started at {@code scanStarted} did not see the pair: unless a later scan saw it or it was
     * observed since, it becomes inactive.
     */
    static Change notSeen(FindingRow current, String scanId, long scanStarted, long finishedAt) {
        if (current == null || !current.life().active() || current.life().lastScanStarted() >= scanStarted
                || current.content().observedAt() >= scanStarted) {
            return Change.NONE;
        }
        return gone(current, StoredFinding.NOT_SEEN, scanStarted, finishedAt, scanId);
    }

    private static Change gone(FindingRow current, String reason, long goneAt, long resolvedAt, String scanId) {
        Life was = current.life();
        boolean resolves = was.phase() == Phase.OPEN;
        Phase phase = resolves ? Phase.RESOLVED : was.phase();
        Life life = new Life(phase, resolves ? StoredFinding.RESOLVED : was.state(), false, was.firstSeen(), was.lastSeen(),
                resolves ? Long.valueOf(resolvedAt) : was.resolvedAt(), resolves ? reason : was.resolution(), goneAt,
                was.reopenCount(), was.lastScanId(), was.lastScanStarted());
        FindingRow row = new FindingRow(current.key(), current.content(), life, current.version() + 1);
        StatusChange history = life.state().equals(was.state()) ? null
                : new StatusChange(row.key(), current.content().status(), life.state(), life.resolution(),
                Sql.instant(resolvedAt), scanId);
        return new Change(row, history, 0, 0, resolves ? 1 : 0, false);
    }

    private static Life seenAgain(Life was, long t, long vouched, SeenBy seen) {
        boolean newerScan = seen != null && seen.started() >= was.lastScanStarted();
        return new Life(was.phase(), was.state(), was.active(), Math.min(was.firstSeen(), t),
                Math.max(was.lastSeen(), vouched), was.resolvedAt(), was.resolution(), was.goneAt(), was.reopenCount(),
                newerScan ? seen.scanId() : was.lastScanId(), newerScan ? seen.started() : was.lastScanStarted());
    }

    private static String stateOf(Phase phase, Status status) {
        return status == Status.ERROR ? StoredFinding.ERROR : phase.name();
    }

    private static StatusChange history(FindingRow row, long at, SeenBy seen) {
        return new StatusChange(row.key(), row.content().status(), row.life().state(),
                StoredFinding.RESOLVED.equals(row.life().state()) ? row.life().resolution() : null,
                Sql.instant(at), seen == null ? null : seen.scanId());
    }
}
