package dev.parapet.core.report;

import dev.parapet.core.model.Provider;
import dev.parapet.core.model.ResourceRef;
import dev.parapet.core.store.Scan;
import dev.parapet.core.store.ScanScope;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScanSelectionTest {
    private static final ScanScope AWS_ALL = new ScanScope(Provider.AWS, "111", null);
    private static final ScanScope AWS_EAST = new ScanScope(Provider.AWS, "111", "us-east-1");
    private static final ScanScope AZURE = new ScanScope(Provider.AZURE, "SUB-1", null);

    private static Scan scan(String id, int finishedHour, String state, ScanScope... scopes) {
        Instant finished = Instant.parse("2026-03-05T00:00:00Z").plusSeconds(3600L * finishedHour);
        return new Scan(id, List.of(scopes), "schedule", finished.minusSeconds(60), finished, state);
    }

    @Test
    void keepsTheLatestCompleteScanOfEachScope() {
        Scan awsOld = scan("aws-old", 1, "COMPLETE", AWS_ALL);
        Scan azure = scan("azure", 2, "COMPLETE", AZURE);
        Scan awsEast = scan("aws-east", 3, "COMPLETE", AWS_EAST);
        Scan awsNew = scan("aws-new", 4, "COMPLETE", AWS_ALL);
        Scan running = scan("running", 5, "RUNNING", AWS_ALL, AZURE);
        Scan partial = scan("partial", 6, "COMPLETE");
        List<Scan> complete = ScanSelection.complete(List.of(awsOld, azure, awsEast, awsNew, running, partial));
        assertThat(complete).extracting(Scan::id).containsExactly("partial", "aws-new", "aws-east", "azure", "aws-old");
        // aws-east adds nothing once aws-new covers every region of the account; partial scans cover nothing
        assertThat(ScanSelection.latestPerScope(complete)).extracting(Scan::id).containsExactly("aws-new", "azure");
        // the other way round, a newer one-region scan does not hide the older all-regions one
        List<Scan> regionLast = ScanSelection.complete(List.of(awsOld, scan("east-later", 9, "COMPLETE", AWS_EAST)));
        assertThat(ScanSelection.latestPerScope(regionLast)).extracting(Scan::id).containsExactly("east-later", "aws-old");
    }

    @Test
    void baselineIsTheNewestEarlierScanSharingAScope() {
        Scan awsOld = scan("aws-old", 1, "COMPLETE", AWS_ALL);
        Scan azure = scan("azure", 2, "COMPLETE", AZURE);
        Scan awsEast = scan("aws-east", 3, "COMPLETE", AWS_EAST);
        Scan awsNew = scan("aws-new", 4, "COMPLETE", AWS_ALL);
        List<Scan> complete = ScanSelection.complete(List.of(awsOld, azure, awsEast, awsNew));
        assertThat(ScanSelection.baseline(awsNew, complete)).map(Scan::id).contains("aws-east");
        assertThat(ScanSelection.baseline(awsEast, complete)).map(Scan::id).contains("aws-old");
        assertThat(ScanSelection.baseline(azure, complete)).isEmpty();
    }

    @Test
    void coversMatchesProviderAccountIgnoringCaseAndRegion() {
        ResourceRef east = new ResourceRef(Provider.AWS, "arn", "T", "111", "us-east-1", "n");
        ResourceRef west = new ResourceRef(Provider.AWS, "arn2", "T", "111", "us-west-2", "n");
        ResourceRef azure = new ResourceRef(Provider.AZURE, "/x", "T", "sub-1", "westeurope", "n");
        assertThat(ScanSelection.covers(AWS_EAST, east)).isTrue();
        assertThat(ScanSelection.covers(AWS_EAST, west)).isFalse();
        assertThat(ScanSelection.covers(AWS_ALL, west)).isTrue();
        assertThat(ScanSelection.covers(AZURE, azure)).isTrue();
        assertThat(ScanSelection.covers(new ScanScope(Provider.GCP, "sub-1", null), azure)).isFalse();
    }
}
