package dev.parapet.core.score;

/** Finding counts by status, and failing findings by severity. */
public record FindingCounts(int pass, int fail, int error, int critical, int high, int medium, int low,
                            int informational) {

    public int total() {
        return pass + fail + error;
    }
}
