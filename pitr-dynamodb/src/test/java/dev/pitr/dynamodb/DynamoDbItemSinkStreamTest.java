package dev.pitr.dynamodb;

import static dev.pitr.dynamodb.Ops.HASH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.model.WriteOp;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.testing.dynamodb.DynamoDbLocalExtension;
import dev.pitr.testing.dynamodb.ExpectedTable;
import dev.pitr.write.SinkStats;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A long stream with keys repeated throughout: puts, re-puts and deletes of the same items. */
@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbItemSinkStreamTest {
    private static final int OPERATIONS = 100_000;
    private static final int ITEMS = 10_000;

    @Test
    void write_100kOperationsRepeatingKeys_leaveTheTableExactlyAsTheStreamSays(DynamoDbLocal ddb) {
        String table = DynamoDbLocal.uniqueTableName("stream");
        ddb.createTable(table, HASH);
        ExpectedTable expected = new ExpectedTable(HASH);
        Random random = new Random(20_240_601);
        long deletes = 0;
        long started = System.nanoTime();
        try (DynamoDbItemSink sink = DynamoDbItemSink.builder().client(ddb.asyncClient()).tableName(table).build()) {
            for (int line = 1; line <= OPERATIONS; line++) {
                // Hot items come back often, within the window of operations in flight.
                int item = random.nextInt(4) == 0 ? random.nextInt(100) : random.nextInt(ITEMS);
                WriteOp op;
                if (random.nextInt(100) < 15) {
                    op = Ops.delete("item-" + item, line);
                    deletes++;
                } else {
                    op = Ops.put("item-" + item, line, "v" + line + "-" + "p".repeat(random.nextInt(200)));
                }
                expected.apply(op);
                sink.write(op);
            }
            sink.flush();
            SinkStats stats = sink.stats();
            assertThat(stats.written()).isEqualTo(OPERATIONS);
            assertThat(stats.deletes()).isEqualTo(deletes);
            assertThat(stats.failed() + stats.skipped()).isZero();
            System.out.printf("100k operations written in %.1f s (%d requests)%n",
                    (System.nanoTime() - started) / 1e9, stats.batches());
        }
        assertThat(expected.size()).isBetween(ITEMS / 2, ITEMS);
        assertThat(expected.differences(ddb.syncClient(), table)).isEmpty();
    }
}
