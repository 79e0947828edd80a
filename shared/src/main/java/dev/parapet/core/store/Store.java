package dev.parapet.core.store;

import dev.parapet.core.engine.Assessment;
import dev.parapet.core.engine.RelatedResources;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The findings store: SQLite file by default, PostgreSQL in production, the same migrations and statements for both.
 * Every write is idempotent and monotonic in observation time: writing the same assessment twice changes nothing,
 * and a document observed earlier than what is stored never rolls a finding or inventory row back.
 *
 * <p>Findings lifecycle: a (rule, resource) pair is first seen, last seen, has a status history; it is resolved when
 * a failing pair passes, its resource is deleted, or a complete scan of its scope no longer sees it; it is
 * reopened when it fails again. Schema, state machine and guarantees: docs/STORE.md.
 */
public interface Store extends AutoCloseable {

    /** Registers a scan as RUNNING. Idempotent on the scan id. */
    void beginScan(Scan scan);

    /**
     * Writes one part of a running scan (a whole batch, or one fan-out worker's share): inventory and findings,
     * marked as seen by this scan. Atomic per call; resolves nothing.
     */
    void recordScanPart(String scanId, Assessment part);

    /**
     * Completes a scan in one transaction: resources and findings in the scan's scopes that it did not see are
     * resolved (resolution NOT_SEEN), and the scan becomes COMPLETE. A scan never finished resolves nothing.
     */
    ScanSummary finishScan(String scanId, Instant finishedAt);

    /** begin + one part + finish: the common case of a batch assessed in one go. */
    default ScanSummary recordScan(Scan scan, Assessment assessment, Instant finishedAt) {
        beginScan(scan);
        recordScanPart(scan.id(), assessment);
        return finishScan(scan.id(), finishedAt);
    }

    /**
     * Event-driven write: only the assessed resources (and their findings) change; deleted resources resolve their
     * findings (resolution DELETED). Older observations than stored ones are ignored.
     */
    ChangeSummary recordChange(Assessment assessment);

    /** Score history per scope for one scan; one row per scope per scan, and the latest per scope per day. */
    void recordScores(String scanId, Instant at, List<ScoreSnapshot> scores);

    /** Current findings matching the filter, in a deterministic order. */
    List<StoredFinding> findings(FindingFilter filter);

    /** Status changes of one finding, oldest first. */
    List<StatusChange> history(String findingKey);

    /** Score points of a scope (kind "overall", "provider", "account"), oldest first, one per day. */
    List<ScoreSnapshot> dailyScores(String scopeKind, String scopeId, Instant from, Instant to);

    Optional<Scan> scan(String scanId);

    /** Scans newest first. */
    List<Scan> scans(int limit);

    /** New, fixed and still-failing findings between two scans (baseline null: since the start). */
    Delta delta(String baselineScanId, String scanId);

    /** Live inventory, for assessing one changed resource with the related resources its rules read. */
    RelatedResources inventory();

    /** Records a published scoring report (docs/REPORTS.md). Idempotent on the report's id. */
    void recordReport(PublishedReport report);

    /** Published reports, newest first. */
    List<PublishedReport> reports(int limit);

    /**
     * Deletes what is older than the cutoff: score history, findings gone (inactive) before it, history rows but each
     * finding's latest, tombstones, old scans. Active findings stay whatever their age. Returns rows deleted.
     * {@link Retention} turns PARAPET_RETENTION_DAYS into a cutoff.
     */
    int applyRetention(Instant cutoff);

    /** The ticketing outbox and ServiceNow records kept with the findings (docs/SERVICENOW.md). */
    TicketStore tickets();

    @Override
    void close();
}
