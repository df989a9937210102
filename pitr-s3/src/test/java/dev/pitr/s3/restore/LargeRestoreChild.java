package dev.pitr.s3.restore;

import dev.pitr.testing.HeapPeak;
import dev.pitr.PitrRestorer;
import dev.pitr.RestoreReport;
import dev.pitr.internal.DryRunSink;
import dev.pitr.s3.S3ExportSource;
import dev.pitr.testing.s3.S3TestClients;
import java.net.URI;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Restores one export from S3 into a sink that acknowledges at once (a dry-run sink), in a JVM started with a
 * small heap, and prints the peak heap used: the read side (ranged GETs, gunzip, decode,
 * restorer) must stay flat whatever the export's size. Arguments: S3 endpoint, export URI.
 */
public final class LargeRestoreChild {
    private LargeRestoreChild() {
    }

    public static void main(String[] args) {
        HeapPeak peak = HeapPeak.start();
        try (S3AsyncClient s3 = S3TestClients.client(URI.create(args[0]))) {
            long start = System.nanoTime();
            RestoreReport report = PitrRestorer.builder()
                    .export(S3ExportSource.builder().client(s3).exportUri(args[1]).build())
                    // Acknowledges at once and writes nothing: what is measured is the read side.
                    .sink(new DryRunSink(null)).checkpointStore(new dev.pitr.checkpoint.InMemoryCheckpointStore()).build().run();
            System.out.printf("RESULT ops=%d uncompressed=%d seconds=%.1f peakHeapMB=%d maxHeapMB=%d%n",
                    report.puts() + report.deletes(), report.uncompressedBytes(), (System.nanoTime() - start) / 1e9,
                    peak.megabytes(), Runtime.getRuntime().maxMemory() >> 20);
            System.exit(0);
        } catch (Throwable t) {
            t.printStackTrace(System.out);
            System.exit(1);
        }
    }
}
