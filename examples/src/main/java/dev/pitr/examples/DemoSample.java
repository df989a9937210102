package dev.pitr.examples;

import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.testing.Changes;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedChain;
import dev.pitr.testing.ItemShape;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The quickstart's sample chain, written by the project's export generator in the real layout:
 * a FULL export of 1,000 small {@code orders} items, then two 15-minute incremental exports of
 * updates, deletes, inserts and re-inserts. Always the same bytes (fixed seed and times).
 */
final class DemoSample {
    /** The table the sample is an export of, and the one the demo restores into. */
    static final String TABLE = "orders";
    /** Its key: customer (S) and orderId (N). */
    static final KeySchema SCHEMA = KeySchema.of("customer", KeySchema.ScalarType.S, "orderId", KeySchema.ScalarType.N);
    /** The FULL export's time. */
    static final Instant FULL_EXPORT_TIME = Instant.parse("2026-01-14T10:00:00Z");
    /** Each incremental export's window. */
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** The prefix the exports live under in the bucket. */
    static final String PREFIX = "exports";

    private DemoSample() {
    }

    /**
     * The chain written and the table it describes.
     *
     * @param chain    the exports, FULL first
     * @param expected the table's content once the whole chain is applied
     */
    record Written(GeneratedChain chain, Map<Key, Item> expected) {
    }

    /** Writes the sample under {@code bucketRoot} (a folder standing for the bucket). */
    static Written write(Path bucketRoot) {
        ExportGenerator generator = ExportGenerator.builder()
                .bucketRoot(bucketRoot)
                .bucketName("pitr-demo-exports")
                .prefix(PREFIX)
                .tableName(TABLE)
                .region("us-east-1")
                .keySchema(SCHEMA)
                .itemShape(ItemShape.SMALL)
                .filesPerExport(4)
                .seed(20260114L)
                .trackState(true)
                .build();
        GeneratedChain chain = generator.chain(1_000, FULL_EXPORT_TIME, WINDOW,
                Changes.of(120, 40, 60, 0),
                Changes.of(80, 30, 40, 15));
        return new Written(chain, generator.expectedState());
    }
}
