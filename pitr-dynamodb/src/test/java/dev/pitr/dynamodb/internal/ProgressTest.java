package dev.pitr.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static List<Pending> ingest(Progress progress, int count) {
        List<Pending> ops = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Pending p = TestOps.pending(TestOps.put("k" + i, "v", i));
            p.seq = i;
            progress.ingested(p);
            ops.add(p);
        }
        return ops;
    }

    @Test
    void finished_outOfOrder_releasesAtOnce_andTheWatermarkWaitsForTheOldest() throws Exception {
        Progress progress = new Progress();
        List<Pending> ops = ingest(progress, 4);
        progress.requestFlush(4);

        progress.finished(ops.get(1));
        progress.finished(ops.get(3));
        progress.publish();
        assertThat(progress.retainedOperations()).isEqualTo(2);
        assertThat(progress.retainedBytes()).isEqualTo(ops.get(0).requestBytes + ops.get(2).requestBytes);
        assertThat(progress.flushWanted()).isTrue();

        progress.finished(ops.get(0));
        progress.publish();
        assertThat(progress.awaitCompleted(2)).isTrue(); // 1 and 2 finished, 3 not
        assertThat(progress.flushWanted()).isTrue();

        progress.finished(ops.get(2));
        progress.publish();
        assertThat(progress.awaitCompleted(4)).isTrue();
        assertThat(progress.flushWanted()).isFalse();
        assertThat(progress.retainedOperations()).isZero();
        assertThat(progress.retainedBytes()).isZero();
    }

    @Test
    void forEachOutstanding_visitsTheUnfinishedOldestFirst_andTheActionMayFinishThem() {
        Progress progress = new Progress();
        List<Pending> ops = ingest(progress, 5);
        progress.finished(ops.get(2));
        List<Long> seen = new ArrayList<>();

        progress.forEachOutstanding(p -> {
            seen.add(p.seq);
            progress.finished(p);
        });
        progress.publish();

        assertThat(seen).containsExactly(1L, 2L, 4L, 5L);
        assertThat(progress.retainedOperations()).isZero();
        progress.forEachOutstanding(p -> seen.add(-1L));
        assertThat(seen).hasSize(4);
    }
}
