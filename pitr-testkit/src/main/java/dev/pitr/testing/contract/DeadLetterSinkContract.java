package dev.pitr.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import dev.pitr.write.DeadLetterSink;
import dev.pitr.write.SkippedOperation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link DeadLetterSink} must have, checked by reading its storage back.
 *
 * <p>A sink's test extends this class, returns a new sink over fresh storage from
 * {@link #createSink()}, and reads the storage itself (not the sink's memory) in
 * {@link #recordedOrigins}. A sink that drops what it receives by design
 * ({@link DeadLetterSink#discarding()}) returns an empty list and overrides {@link #keepsRecords()}.
 *
 * <pre>{@code
 * class MyDeadLetterSinkContractTest extends DeadLetterSinkContract {
 *     protected DeadLetterSink createSink() { return MyDeadLetterSink.open(newFile()); }
 *     protected List<Origin> recordedOrigins(DeadLetterSink sink) { ... parse its file ... }
 * }
 * }</pre>
 *
 * <p>What it checks: each skipped operation accepted is recorded once, whole, in the order
 * accepted, and is in the storage by the time {@link DeadLetterSink#accept} returns (the caller
 * acknowledges the operation right after); accepts from many threads at once lose and duplicate
 * nothing; {@link DeadLetterSink#close()} keeps what was recorded, and a second close is harmless.
 */
public abstract class DeadLetterSinkContract {
    private static final int THREADS = 8;
    private static final long WAIT_SECONDS = 60;

    private final List<DeadLetterSink> sinks = new ArrayList<>();

    /** A new sink over fresh storage, empty; the suite closes it. */
    protected abstract DeadLetterSink createSink();

    /**
     * The origins of the operations {@code sink}'s storage holds now, in the order stored, read
     * from the storage itself. Called before and after the sink is closed.
     */
    protected abstract List<Origin> recordedOrigins(DeadLetterSink sink);

    /** Whether the sink keeps what it receives; {@code false} for one that drops it by design. */
    protected boolean keepsRecords() {
        return true;
    }

    @AfterEach
    void closeSinks() {
        sinks.forEach(DeadLetterSink::close);
        sinks.clear();
    }

    private DeadLetterSink sink() {
        DeadLetterSink sink = createSink();
        sinks.add(sink);
        return sink;
    }

    /** What the storage must hold after {@code accepted}: all of it, or nothing for a sink that drops it. */
    private List<Origin> expected(List<Origin> accepted) {
        return keepsRecords() ? accepted : List.of();
    }

    @Test
    void aNewSink_holdsNothing() {
        assertThat(recordedOrigins(sink())).isEmpty();
    }

    @Test
    void accept_recordsEachOperation_inTheOrderAccepted_beforeItReturns() {
        DeadLetterSink sink = sink();
        List<Origin> accepted = new ArrayList<>();

        for (int i = 1; i <= 12; i++) {
            SkippedOperation skipped = skipped("data/a.json.gz", i, i % 3 == 0);
            sink.accept(skipped);
            accepted.add(skipped.origin());

            assertThat(recordedOrigins(sink)).as("stored once accept returned").isEqualTo(expected(accepted));
        }
    }

    @Test
    void accept_fromManyThreadsAtOnce_recordsEachOperationOnce() throws Exception {
        DeadLetterSink sink = sink();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        Set<Origin> accepted = new HashSet<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                List<SkippedOperation> mine = new ArrayList<>();
                for (int i = 1; i <= 40; i++) {
                    mine.add(skipped("data/thread-" + t + ".json.gz", i, i % 2 == 0));
                }
                mine.forEach(s -> accepted.add(s.origin()));
                done.add(pool.submit(() -> {
                    start.await();
                    mine.forEach(sink::accept);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Origin> recorded = recordedOrigins(sink);
        assertThat(recorded).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected(new ArrayList<>(accepted)));
    }

    @Test
    void close_keepsWhatWasRecorded_andASecondCloseIsHarmless() {
        DeadLetterSink sink = sink();
        List<Origin> accepted = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            SkippedOperation skipped = skipped("data/b.json.gz", i, false);
            sink.accept(skipped);
            accepted.add(skipped.origin());
        }

        sink.close();
        sink.close();

        assertThat(recordedOrigins(sink)).isEqualTo(expected(accepted));
    }

    /** A put (or a delete) set aside, with a value of each common type and a key that needs escaping. */
    private static SkippedOperation skipped(String file, long line, boolean delete) {
        Key key = Key.of("pk", new AttributeValue.S("key \"" + line + "\""), "sk", new AttributeValue.N(Long.toString(line)));
        Origin origin = new Origin(file, line);
        WriteOp op;
        if (delete) {
            op = new WriteOp.Delete(key, origin, 1_700_000_000_000_000L + line);
        } else {
            Map<String, AttributeValue> a = new LinkedHashMap<>(key.attributes());
            a.put("b", AttributeValue.B.of(new byte[] {1, 2, (byte) line}));
            a.put("flag", AttributeValue.Bool.of(line % 2 == 0));
            a.put("text", new AttributeValue.S("line\n" + line));
            op = new WriteOp.Put(new Item(a), origin, WriteOp.NO_TIMESTAMP);
        }
        return SkippedOperation.of(op, key, "refused by the contract suite, line " + line);
    }
}
