package dev.pitr.dynamodb.restore;

import dev.pitr.manifest.OutputFormat;
import dev.pitr.manifest.OutputView;
import dev.pitr.model.KeySchema;
import dev.pitr.testing.Changes;
import dev.pitr.testing.Compression;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedChain;
import dev.pitr.testing.GeneratedExport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** The chains the end-to-end and crash tests restore. */
final class RestoreChains {
    static final Instant T0 = Instant.parse("2026-04-01T08:00:00Z");
    static final Duration WINDOW = Duration.ofMinutes(20);
    static final KeySchema SCHEMA = KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N);

    private RestoreChains() {
    }

    /**
     * FULL + 3 INCREMENTAL: updates, deletes, inserts and re-inserts of deleted keys, the views
     * alternating, gzip or zstd.
     */
    static ExportGenerator generator(Path root, OutputFormat format, Compression compression, long seed) {
        return ExportGenerator.builder().bucketRoot(root).prefix("backups/orders").tableName("orders")
                .keySchema(SCHEMA).format(format).compression(compression).filesPerExport(4).seed(seed).build();
    }

    static GeneratedChain chain(ExportGenerator g, int items) {
        GeneratedExport full = g.full(items, T0);
        Instant t1 = T0.plus(WINDOW);
        Instant t2 = t1.plus(WINDOW);
        Instant t3 = t2.plus(WINDOW);
        int n = Math.max(10, items / 10);
        GeneratedExport a = g.incremental(T0, t1, Changes.of(n, n, n, 0), OutputView.NEW_AND_OLD_IMAGES);
        GeneratedExport b = g.incremental(t1, t2, Changes.of(n, n / 2, n / 2, n / 2), OutputView.NEW_IMAGE);
        GeneratedExport c = g.incremental(t2, t3, Changes.of(n / 2, n, n / 3, n / 3), OutputView.NEW_AND_OLD_IMAGES);
        return new GeneratedChain(full, java.util.List.of(a, b, c));
    }
}
