package dev.parapet.aws.scan;

import dev.parapet.aws.collect.AwsCollector;
import dev.parapet.aws.collect.Collected;
import dev.parapet.aws.collect.CollectProblem;
import dev.parapet.core.engine.Assessment;
import dev.parapet.core.engine.Engine;
import dev.parapet.core.store.Scan;
import dev.parapet.core.store.ScanSummary;
import dev.parapet.core.store.Store;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Scheduled assessment as fan-out: {@link #start} plans a scan per account (one part per type group and region)
 * and registers it; {@link #runPart} collects, assesses and stores one part; the part that completes the count
 * finishes the scan. Everything is idempotent on redelivery: the scan id derives from the triggering event, parts
 * count once, and a part of a finished scan is skipped.
 */
public final class ScanService {
    private final AwsCollector collector;
    private final Engine engine;
    private final ScanFinisher finisher;
    private final ScanProgress progress;
    private final Targets targets;
    private final AfterWrite afterWrite;
    private final Clock clock;

    public ScanService(AwsCollector collector, Engine engine, ScanFinisher finisher, ScanProgress progress,
                       Targets targets, AfterWrite afterWrite, Clock clock) {
        this.collector = collector;
        this.engine = engine;
        this.finisher = finisher;
        this.progress = progress;
        this.targets = targets;
        this.afterWrite = afterWrite;
        this.clock = clock;
    }

    public record Planned(String scanId, String account, List<ScanPart> parts) {
    }

    /** Begins one scan per member (idempotent on {@code triggerId}) and returns the parts to send. */
    public List<Planned> start(String triggerId, List<Member> members, List<String> configuredRegions,
                               String homeRegion, Store store) {
        Instant now = clock.instant();
        List<TypeGroup> groups = TypeGroups.plan(engine.rules(), collector);
        List<Planned> out = new ArrayList<>();
        for (Member m : members) {
            List<String> regions = configuredRegions != null && !configuredRegions.isEmpty() ? configuredRegions
                    : targets.regions(m, null, homeRegion);
            String scanId = UUID.nameUUIDFromBytes((triggerId + "|" + m.account()).getBytes(StandardCharsets.UTF_8)).toString();
            List<ScanPart> parts = ScanPlanner.parts(scanId, m.account(), m.roleArn(), regions, groups, now);
            store.beginScan(Scan.running(scanId, ScanPlanner.scopes(m.account(), regions), "schedule", now));
            progress.expect(scanId, parts.size());
            out.add(new Planned(scanId, m.account(), parts));
        }
        return out;
    }

    /**
     * @param finished the scan's summary when this part completed it, else null
     * @param skipped  true when the scan was already complete (a late redelivery)
     */
    public record PartResult(ScanPart part, int resources, int findings, List<CollectProblem> problems,
                             ScanSummary finished, boolean skipped) {
    }

    public PartResult runPart(ScanPart part, Store store) {
        if (store.scan(part.scanId()).map(s -> "COMPLETE".equals(s.state())).orElse(false)) {
            return new PartResult(part, 0, 0, List.of(), null, true);
        }
        Instant now = clock.instant();
        // The account item reads settings in every region of the scan: the part's own region list says which.
        var target = targets.target(new Member(part.account(), part.roleArn()), part.regions());
        Collected collected = collector.collect(target, part.regions(), part.types(), now);
        Assessment assessment = new PartAssessor(engine).assess(collected, store.inventory(), now);
        store.recordScanPart(part.scanId(), assessment);
        ScanSummary finished = null;
        if (progress.done(part.scanId(), part.partId())) {
            finished = finisher.finish(store, part.scanId(), clock.instant());
            afterWrite.run(store);
        }
        return new PartResult(part, assessment.resources().size(), assessment.findings().size(), collected.problems(),
                finished, false);
    }
}
