package dev.pitr.dynamodb.verify;

import dev.pitr.dynamodb.DynamoDbTableReader;
import dev.pitr.source.LocalExportSource;
import dev.pitr.testing.HeapPeak;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.verify.PitrVerifier;
import dev.pitr.verify.TableReader;
import dev.pitr.verify.VerifyReport;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Scans a table plainly (items counted, nothing kept), verifies it against an export, and scans
 * it plainly again, in a JVM of its own (the test gives it a small heap), and prints what it
 * measured. Arguments: the endpoint, the table, the state folder, the export folder.
 */
public final class VerifySoakChild {
    private static final int SEGMENTS = 4;

    private VerifySoakChild() {
    }

    /** Scans the table with the verify's segments, counting items and keeping nothing. */
    private static long plainScan(DynamoDbAsyncClient client, String table) {
        LongAdder items = new LongAdder();
        TableReader plain = DynamoDbTableReader.builder().client(client).tableName(table).segments(SEGMENTS).build();
        plain.open();
        plain.scan(item -> items.increment());
        return items.sum();
    }

    public static void main(String[] args) {
        HeapPeak peak = HeapPeak.start();
        try (DynamoDbAsyncClient client = DynamoDbAsyncClient.builder().endpointOverride(URI.create(args[0]))
                .region(Region.US_EAST_1).credentialsProvider(() -> DynamoDbLocal.CREDENTIALS).build()) {
            // plain scan, verify, plain scan again: the verify is compared with the mean of the two
            // scans around it, so neither a cold start nor a slow spell of the machine favours it
            long t0 = System.nanoTime();
            long plainItems = plainScan(client, args[1]);
            long t1 = System.nanoTime();
            VerifyReport report = PitrVerifier.builder().export(LocalExportSource.of(Path.of(args[3])))
                    .table(DynamoDbTableReader.builder().client(client).tableName(args[1]).segments(SEGMENTS).build())
                    .stateDirectory(Path.of(args[2])).build().run();
            long t2 = System.nanoTime();
            plainScan(client, args[1]);
            long t3 = System.nanoTime();
            double plainSeconds = ((t1 - t0) + (t3 - t2)) / 2e9;
            double verifySeconds = (t2 - t1) / 1e9;
            System.out.printf("RESULT items=%d checked=%d equal=%s plainScanSeconds=%.1f (%.1f, %.1f) verifySeconds=%.1f"
                            + " ratio=%.2f peakHeapMB=%d maxHeapMB=%d capacityUnits=%.0f%n",
                    plainItems, report.counts().checked(), report.equal(), plainSeconds, (t1 - t0) / 1e9,
                    (t3 - t2) / 1e9, verifySeconds, verifySeconds / plainSeconds, peak.megabytes(),
                    Runtime.getRuntime().maxMemory() >> 20, report.read().capacityUnits());
        }
    }
}
