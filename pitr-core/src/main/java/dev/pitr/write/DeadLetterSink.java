package dev.pitr.write;

/**
 * Receives the operations {@link FailurePolicy#SKIP} set aside, so that a user can fix and
 * replay them. Implementations are safe for concurrent use.
 */
public interface DeadLetterSink extends AutoCloseable {

    /**
     * Records one skipped operation.
     *
     * @throws dev.pitr.PitrException when it cannot be recorded
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
