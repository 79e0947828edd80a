package dev.parapet.aws.scan;

/**
 * Counts the parts of fan-out scans, so that the scan is finished exactly when its last part reports. Marking a
 * part is idempotent: a redelivered part counts once.
 */
public interface ScanProgress {

    /** Registers a scan of {@code parts} parts; repeating it for the same scan changes nothing. */
    void expect(String scanId, int parts);

    /** Marks a part done; true when every part of the scan is now done (also on a repeated mark after that). */
    boolean done(String scanId, String partId);
}
