package dev.pitr.state;

import dev.pitr.PitrRestorer;
import dev.pitr.PitrRestorerBuilder;
import dev.pitr.model.Item;
import dev.pitr.model.KeySchema;
import dev.pitr.plan.RestorePlan;
import dev.pitr.source.LocalExportSource;
import dev.pitr.testing.HeapPeak;
import java.nio.file.Path;

/**
 * Builds and walks the state of a chain in a JVM of its own (the test gives it a small heap) and
 * prints what it measured. Arguments: the state folder, then the export folders.
 */
public final class ChainStateSoakChild {
    private ChainStateSoakChild() {
    }

    public static void main(String[] args) throws Exception {
        HeapPeak peak = HeapPeak.start();
        PitrRestorerBuilder b = PitrRestorer.builder().dryRun(true);
        for (int i = 1; i < args.length; i++) {
            b.export(LocalExportSource.of(Path.of(args[i])));
        }
        RestorePlan plan = b.build().plan();
        KeySchema schema = KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N);
        long chainWcu = 0;
        long t0 = System.nanoTime();
        try (ChainState state = ChainState.builder().directory(Path.of(args[0])).build()) {
            ChainState.IngestReport ingest = state.ingest(plan, schema);
            long t1 = System.nanoTime();
            long disk = state.diskBytes();
            long keys = 0;
            long items = 0;
            long compactWcu = 0;
            try (ChainState.StateCursor c = state.cursor()) {
                while (c.next()) {
                    keys++;
                    Item item = c.item();
                    if (item != null) {
                        items++;
                        compactWcu += dev.pitr.write.WriteCapacity.unitsForItemBytes(item.sizeInBytes());
                    }
                }
            }
            long t2 = System.nanoTime();
            chainWcu = plan.itemCount(); // at least one unit per record; exact below needs the data read twice
            System.out.printf("RESULT records=%d keys=%d items=%d ingestPerSec=%.0f emitPerSec=%.0f diskMB=%.1f"
                            + " peakHeapMB=%d maxHeapMB=%d chainWcuAtLeast=%d compactPutWcu=%d%n",
                    ingest.records(), keys, items, ingest.records() / ((t1 - t0) / 1e9), keys / ((t2 - t1) / 1e9),
                    disk / 1e6, peak.megabytes(), Runtime.getRuntime().maxMemory() >> 20, chainWcu, compactWcu);
        }
    }
}
