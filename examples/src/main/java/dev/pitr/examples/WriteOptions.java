package dev.pitr.examples;

import dev.pitr.dynamodb.DynamoDbItemSink;
import dev.pitr.write.DeadLetterSink;
import dev.pitr.write.FailurePolicy;
import dev.pitr.write.JsonLinesDeadLetterSink;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a command writes the table: restore's writes, and verify's repairs. */
final class WriteOptions {
    @Option(names = "--max-wcu", paramLabel = "N",
            description = "The most write capacity units per second to use (default: no ceiling; the rate backs off"
                    + " when DynamoDB throttles).")
    Double maxWcu;

    @Option(names = "--on-error", paramLabel = "fail|skip", defaultValue = "fail",
            description = "What to do with a write DynamoDB refuses (an item over 400 KB, an invalid value):"
                    + " fail, or skip it and go on (exit code 3). Default: ${DEFAULT-VALUE}.")
    FailurePolicy onError;

    @Option(names = "--dead-letter", paramLabel = "PATH",
            description = "With --on-error skip: append each skipped write to this JSON Lines file.")
    Path deadLetter;

    /** Whether any of these options was given. */
    boolean given() {
        return maxWcu != null || deadLetter != null || onError != FailurePolicy.FAIL;
    }

    /**
     * Checks the options before anything runs (the writer's builder checks the values).
     *
     * @throws UsageException naming what is wrong
     */
    void check() {
        if (deadLetter == null) {
            return;
        }
        if (onError != FailurePolicy.SKIP) {
            throw new UsageException("--dead-letter needs --on-error skip (under fail, the first refused write stops"
                    + " the command)");
        }
        Path parent = deadLetter.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UsageException("--dead-letter " + deadLetter + ": folder " + parent + " does not exist");
        }
    }

    /** Where skipped writes go: {@code --dead-letter}, or nowhere. The caller closes it. */
    DeadLetterSink deadLetters() {
        return deadLetter == null ? DeadLetterSink.discarding() : JsonLinesDeadLetterSink.open(deadLetter);
    }

    /**
     * The writer of {@code table}, as these options say.
     *
     * @throws UsageException when the builder refuses a value
     */
    DynamoDbItemSink sink(AwsClients clients, String table, DeadLetterSink dead) {
        return UsageException.check(() -> {
            DynamoDbItemSink.Builder b = DynamoDbItemSink.builder().tableName(table).failurePolicy(onError)
                    .deadLetterSink(dead);
            if (maxWcu != null) {
                b.maxWriteCapacityUnitsPerSecond(maxWcu);
            }
            return b.client(clients.dynamoDb()).build();
        });
    }
}
