package dev.pitr.write;

/**
 * What a sink does with an operation DynamoDB refuses for a reason of its own (an item over
 * 400 KB, an invalid value) or that still fails when the retry deadline passes.
 */
public enum FailurePolicy {
    /**
     * The operation's future fails with {@link WriteFailedException} and the sink stops: nothing
     * queued after the failure is sent, and {@link ItemSink#flush()} throws the failure.
     */
    FAIL,
    /**
     * The operation is recorded as skipped (in {@link SinkStats#skipped()} and the
     * {@link DeadLetterSink}), its future completes with {@link WriteOutcome#SKIPPED}, and the
     * other operations continue.
     */
    SKIP
}
