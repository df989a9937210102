package dev.pitr.dynamodb;

import static dev.pitr.dynamodb.Ops.HASH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.testing.dynamodb.DynamoDbLocalExtension;
import dev.pitr.write.SinkStats;
import dev.pitr.write.WriteCapacity;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ceiling holds in real time against a real server (tolerant bounds: a shared machine). */
@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbItemSinkRateTest {
    private static final double CEILING = 500;

    @Test
    void write_atA500WcuCeiling_itemsOf1To3Units_holdTheCeiling(DynamoDbLocal ddb) {
        String table = DynamoDbLocal.uniqueTableName("rate");
        ddb.createTable(table, HASH);
        Random random = new Random(5);
        long estimated = 0;
        long started;
        long elapsed;
        SinkStats stats;
        try (DynamoDbItemSink sink = DynamoDbItemSink.builder().client(ddb.asyncClient()).tableName(table)
                .maxWriteCapacityUnitsPerSecond(CEILING).build()) {
            sink.open();
            started = System.nanoTime();
            int line = 0;
            // 2,000 WCU: the first 500 are the bucket's one-second burst, the rest takes 3 s.
            while (estimated < 2_000) {
                line++;
                var op = Ops.put("k" + line, line, "p".repeat(100 + random.nextInt(2_900)));
                estimated += WriteCapacity.estimate(op);
                sink.write(op);
            }
            sink.flush();
            elapsed = System.nanoTime() - started;
            stats = sink.stats();
        }
        double seconds = elapsed / 1e9;
        double consumed = stats.consumedWriteCapacityUnits();
        double rateAfterBurst = (consumed - CEILING) / seconds;
        System.out.printf("%.0f WCU in %.2f s: %.0f WCU/s after the burst%n", consumed, seconds, rateAfterBurst);
        assertThat(consumed).isBetween(estimated * 0.95, estimated * 1.05);
        assertThat(rateAfterBurst).isBetween(CEILING * 0.85, CEILING * 1.10);
    }
}
