package dev.parapet.core.report;

import dev.parapet.core.store.PublishedReport;
import dev.parapet.core.store.Scan;
import dev.parapet.core.store.Store;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * After a scheduled scan: builds the report from the store, publishes it to the cloud's object storage (dated keys,
 * then the {@code latest/} copies) and records the publication in the store. The functions call it once a scan is
 * complete and log a failure without failing the scan.
 */
public final class ReportPublisher {
    private final ReportBuilder builder;
    private final ReportTarget target;
    private final ReportWriter writer;
    private final List<ReportFormat> formats;
    private final Clock clock;

    public ReportPublisher(ReportBuilder builder, ReportTarget target, String prefix, List<ReportFormat> formats,
                           Clock clock) {
        if (formats == null || formats.isEmpty()) {
            throw new IllegalArgumentException("no report format to publish");
        }
        this.builder = builder;
        this.target = target;
        this.writer = new ReportWriter(target, prefix);
        this.formats = List.copyOf(formats);
        this.clock = clock;
    }

    public PublishedReport publish(Store store) throws IOException {
        ReportModel model = builder.build(store);
        List<ReportWriter.Published> files = writer.publish(model, formats);
        // The dated folder's location: describe() of its first file, without the file name.
        String first = target.describe(files.get(0).datedKey());
        String id = first.substring(0, first.length() - files.get(0).format().fileName().length());
        PublishedReport report = new PublishedReport(id, model.generatedAt(), clock.instant(),
                model.scans().stream().map(Scan::id).toList(),
                files.stream().map(p -> new PublishedReport.File(p.format().name().toLowerCase(Locale.ROOT),
                        p.datedKey(), p.latestKey(), p.bytes())).toList());
        store.recordReport(report);
        return report;
    }
}
