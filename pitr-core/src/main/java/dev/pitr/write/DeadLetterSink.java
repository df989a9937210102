package dev.pitr.write;

/**
 * Receives the operations {@link FailurePolicy#SKIP} set aside, so that a user can fix and
 * replay them. Implementations are safe for concurrent use, and pass the contract suite
 * {@code dev.pitr.testing.contract.DeadLetterSinkContract} of pitr-testkit.
 */
public interface DeadLetterSink extends AutoCloseable {

    /**
     * Records one skipped operation, and returns only once the record is durable (for a file:
     * written and forced to disk). The caller acknowledges the operation as done right after, and
     * the checkpoint then counts its data-file line as applied: a record still in a buffer when
     * the power goes would be lost for good.
     *
     * @throws dev.pitr.PitrException when it cannot be recorded; the operation is then not acknowledged
     */
    void accept(SkippedOperation skipped);

    /** Releases what the sink holds (an open file). */
    @Override
    void close();

    /** A sink that drops what it receives (the skips still show in the counters). */
    static DeadLetterSink discarding() {
        return DiscardingDeadLetterSink.INSTANCE;
    }
}
