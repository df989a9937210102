package dev.pitr.dynamodb;

import static dev.pitr.dynamodb.ReaderTables.HASH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.testing.dynamodb.DynamoDbLocalExtension;
import dev.pitr.verify.TableReader.ReadStats;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ceiling holds in the reader's own time: a virtual clock moves only when the reader waits,
 * so what DynamoDB Local reports as consumed, over that time, is the rate the limiter allowed,
 * whatever the machine's speed.
 */
@ExtendWith(DynamoDbLocalExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DynamoDbTableReaderRateTest {
    private static final double CEILING = 50;

    @Test
    void scan_atA50RcuCeiling_fourSegments_consumeAtMostTheCeilingAfterTheBurst(DynamoDbLocal ddb) {
        String table = DynamoDbLocal.uniqueTableName("read-rate");
        ReaderTables.create(ddb, table, HASH, ReaderTables.sizedItems(600, 3_900));
        VirtualClock clock = new VirtualClock();
        DynamoDbTableReader reader = DynamoDbTableReader.builder().client(ddb.asyncClient()).tableName(table)
                .maxReadCapacityUnitsPerSecond(CEILING).segments(4).pageLimit(20)
                .ticker(clock).sleeper(clock).build();

        ReadStats stats = reader.scan(item -> { });

        double seconds = clock.read() / 1e9;
        double consumed = stats.capacityUnits();
        // The bucket starts full (one second at the ceiling); the rest is paced.
        double rateAfterBurst = (consumed - CEILING) / seconds;
        System.out.printf("%.0f RCU in %.2f virtual s: %.1f RCU/s after the burst%n", consumed, seconds, rateAfterBurst);
        assertThat(stats.items()).isEqualTo(600);
        assertThat(consumed).as("600 items of 3.9 KB, eventually consistent").isBetween(250.0, 350.0);
        assertThat(rateAfterBurst).isBetween(CEILING * 0.5, CEILING * 1.10);
    }
}
