package dev.parapet.cli;

/** Exit codes of every command (docs/CLI.md). */
public final class ExitCodes {
    /** Assessed; nothing at or above --fail-on. */
    public static final int OK = 0;
    /** A FAIL at or above the --fail-on severity. */
    public static final int FAILED_THRESHOLD = 1;
    /** An input or rule file could not be read; everything else was assessed and written. */
    public static final int BAD_INPUT = 2;
    /** The command line itself is wrong. */
    public static final int USAGE = 3;
    /** The run could not complete (store unreachable, output not writable). */
    public static final int RUNTIME = 4;

    private ExitCodes() {
    }
}
