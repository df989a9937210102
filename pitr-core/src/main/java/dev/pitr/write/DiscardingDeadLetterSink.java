package dev.pitr.write;

/** The {@link DeadLetterSink#discarding()} sink. */
enum DiscardingDeadLetterSink implements DeadLetterSink {
    INSTANCE;

    @Override
    public void accept(SkippedOperation skipped) {
        // dropped on purpose: the caller asked for no dead-letter record
    }

    @Override
    public void close() {
        // nothing held
    }

    @Override
    public String toString() {
        return "DeadLetterSink.discarding()";
    }
}
