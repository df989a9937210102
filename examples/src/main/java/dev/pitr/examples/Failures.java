package dev.pitr.examples;

import dev.pitr.PitrException;
import dev.pitr.RestoreStoppedException;
import dev.pitr.TargetNotEmptyException;
import dev.pitr.checkpoint.CheckpointConflictException;
import dev.pitr.plan.ChainException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns what a command threw into its exit code and the one line that says why. */
final class Failures {
    private static final int MAX_MESSAGE = 2000;

    private Failures() {
    }

    /**
     * The exit code and last stderr line for a failure.
     *
     * @param code    the exit code
     * @param message one line, without the {@code pitr: } prefix
     */
    record Outcome(int code, String message) {
    }

    /** The outcome of {@code thrown}. */
    static Outcome of(Throwable thrown) {
        Throwable e = unwrap(thrown);
        if (noCredentials(e)) {
            return new Outcome(ExitCode.FAILURE, "failed: no AWS credentials: set AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY or AWS_PROFILE, or run where a role is available (the SDK's default"
                    + " chain found none; -v shows where it looked)");
        }
        if (e instanceof UsageException) {
            return new Outcome(ExitCode.USAGE, "bad arguments: " + oneLine(e.getMessage()));
        }
        if (e instanceof ChainException) {
            return new Outcome(ExitCode.USAGE, "the exports do not form a chain, nothing was written: "
                    + oneLine(e.getMessage()));
        }
        if (e instanceof TargetNotEmptyException) {
            return new Outcome(ExitCode.USAGE, "the table is not empty, nothing was written: " + oneLine(e.getMessage()));
        }
        if (e instanceof RestoreStoppedException || e instanceof dev.pitr.verify.VerifyStoppedException) {
            return new Outcome(ExitCode.FAILURE, "stopped: " + oneLine(e.getMessage()));
        }
        if (e instanceof CheckpointConflictException) {
            return new Outcome(ExitCode.FAILURE, "checkpoint conflict: " + oneLine(e.getMessage()));
        }
        if (e instanceof PitrException || e instanceof SdkException) {
            return new Outcome(ExitCode.FAILURE, "failed: " + oneLine(e.getMessage()));
        }
        return new Outcome(ExitCode.FAILURE, "failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage())));
    }

    /** The SDK's credentials chain found nothing (its message lists every provider: too long for one line). */
    private static boolean noCredentials(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SdkClientException && t.getMessage() != null
                    && t.getMessage().startsWith("Unable to load credentials from any of the providers")) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** {@code message} on one line: line breaks and runs of blanks become one space. */
    static String oneLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        String s = message.replaceAll("\\s+", " ").trim();
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "...";
    }
}
