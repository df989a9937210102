package dev.pitr.write;

/** How an operation handed to an {@link ItemSink} ended, when it did not fail. */
public enum WriteOutcome {
    /** DynamoDB accepted the operation. */
    WRITTEN,
    /** The operation was refused and {@link FailurePolicy#SKIP} set it aside. */
    SKIPPED
}
