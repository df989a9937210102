package dev.pitr.examples;

/** The exit codes of the {@code pitr} command. */
public final class ExitCode {
    /** Everything asked for was done. */
    public static final int OK = 0;
    /** The command failed: a read, a write, a checkpoint, the demo's verification. */
    public static final int FAILURE = 1;
    /** Bad arguments, or exports that do not form a chain; nothing was written. */
    public static final int USAGE = 2;
    /** The restore finished, but the failure policy set some operations aside (--on-error skip). */
    public static final int SKIPPED = 3;
    /** {@code pitr verify} found the table differs from the chain's state. */
    public static final int DIFFERENT = 4;

    private ExitCode() {
    }
}
