package dev.pitr.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import dev.pitr.write.ItemSink;
import dev.pitr.write.KeySchemaMismatchException;
import dev.pitr.write.SinkStats;
import dev.pitr.write.WriteOutcome;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ItemSink} must have, checked by reading its destination back.
 *
 * <p>A sink's test extends this class and implements three methods: {@link #createTarget} makes a
 * new, empty destination with a key schema (for DynamoDB: a table), {@link #sinkTo} makes a sink
 * writing there, and {@link #itemsIn} reads what the destination holds, from the destination
 * itself rather than through the sink.
 *
 * <pre>{@code
 * class MySinkContractTest extends ItemSinkContract {
 *     protected String createTarget(KeySchema schema) { ... create an empty table, return its name ... }
 *     protected ItemSink sinkTo(String target) { return MySink.builder().table(target).build(); }
 *     protected Map<Key, Item> itemsIn(String target, KeySchema schema) { ... scan the table ... }
 * }
 * }</pre>
 *
 * <p>What it checks, as {@link ItemSink} documents it: {@link ItemSink#open()} returns the target's
 * key schema, the same on every call; every operation written is acknowledged
 * {@link WriteOutcome#WRITTEN} and lands; operations on one key are applied in the order they were
 * written, from one writer or several at once; {@link ItemSink#flush()} returns only once every
 * operation written before is acknowledged; a key that does not match the schema throws
 * {@link KeySchemaMismatchException} naming the schema and the origin, and nothing of it is
 * queued; {@link ItemSink#stats()} counts the puts and deletes accepted and only grows;
 * {@link ItemSink#holdsItems()} and {@link ItemSink#target()} answer as documented, or say they
 * cannot; a closed sink refuses writes. Numbers are compared by value ({@code 1.0} is {@code 1}),
 * as DynamoDB stores them.
 *
 * <p>Not every {@code ItemSink} is a destination: pitr-core's internal {@code DryRunSink}, the
 * stand-in a dry run writes to, applies nothing (nothing to read back, no order to keep), counts
 * nothing ({@link SinkStats#EMPTY}) and, without a real sink behind it, has no key schema to
 * return. It does not extend this contract.
 */
public abstract class ItemSinkContract {
    /** The key schema most tests use: a string partition key and a number sort key. */
    protected static final KeySchema COMPOSITE = KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N);
    /** A partition key alone. */
    protected static final KeySchema HASH = KeySchema.of("id", KeySchema.ScalarType.S);

    private static final long WAIT_SECONDS = 60;
    private static final String FILE = "contract/data/file.json.gz";

    private final List<ItemSink> sinks = new ArrayList<>();
    private final AtomicLong lines = new AtomicLong();

    /**
     * Creates a new, empty destination whose key is {@code schema}, and returns the name
     * {@link #sinkTo} and {@link #itemsIn} take.
     */
    protected abstract String createTarget(KeySchema schema);

    /** A new sink writing to {@code target}, not yet opened; the suite closes it. */
    protected abstract ItemSink sinkTo(String target);

    /** Every item {@code target} holds now, by key, read from the destination itself. */
    protected abstract Map<Key, Item> itemsIn(String target, KeySchema schema);

    @AfterEach
    void closeSinks() {
        sinks.forEach(ItemSink::close);
        sinks.clear();
    }

    private ItemSink sink(String target) {
        ItemSink sink = sinkTo(target);
        sinks.add(sink);
        return sink;
    }

    private ItemSink openSink(String target, KeySchema schema) {
        ItemSink sink = sink(target);
        assertThat(sink.open()).isEqualTo(schema);
        return sink;
    }

    @Test
    void open_returnsTheTargetsKeySchema_theSameOnEveryCall() {
        for (KeySchema schema : List.of(HASH, COMPOSITE)) {
            ItemSink sink = sink(createTarget(schema));

            KeySchema opened = sink.open();

            assertThat(opened).isEqualTo(schema);
            assertThat(sink.open()).isEqualTo(opened);
        }
    }

    @Test
    void write_acknowledgesEachOperation_andTheTargetHoldsIt() throws Exception {
        String target = createTarget(COMPOSITE);
        ItemSink sink = openSink(target, COMPOSITE);
        Map<Key, Item> expected = new HashMap<>();
        List<CompletableFuture<WriteOutcome>> acks = new ArrayList<>();

        for (int i = 0; i < 120; i++) {
            WriteOp.Put put = put("k" + (i % 40), i / 40, i);
            acks.add(sink.write(put));
            apply(expected, put, COMPOSITE);
        }
        sink.flush();

        for (CompletableFuture<WriteOutcome> ack : acks) {
            assertThat(ack.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(WriteOutcome.WRITTEN);
        }
        assertThat(canonical(itemsIn(target, COMPOSITE))).isEqualTo(canonical(expected));
    }

    @Test
    void operationsOnOneKey_areAppliedInTheOrderWritten() {
        String target = createTarget(COMPOSITE);
        ItemSink sink = openSink(target, COMPOSITE);
        Map<Key, Item> expected = new HashMap<>();

        // Twelve rounds over twenty keys: puts, deletes and puts again, each key's operations
        // interleaved with the others' so that several of them are in flight at once.
        for (int round = 0; round < 12; round++) {
            for (int k = 0; k < 20; k++) {
                WriteOp op = (round + k) % 5 == 4 ? delete("k" + k, 1) : put("k" + k, 1, round);
                sink.write(op);
                apply(expected, op, COMPOSITE);
            }
        }
        sink.flush();

        assertThat(canonical(itemsIn(target, COMPOSITE))).isEqualTo(canonical(expected));
    }

    @Test
    void flush_returnsOnlyOnceEveryOperationWrittenIsAcknowledged() {
        String target = createTarget(HASH);
        ItemSink sink = openSink(target, HASH);
        List<CompletableFuture<WriteOutcome>> acks = new ArrayList<>();
        Map<Key, Item> expected = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            WriteOp op = i % 7 == 6 ? deleteHash("h" + (i - 3)) : putHash("h" + i, i);
            acks.add(sink.write(op));
            apply(expected, op, HASH);
        }

        sink.flush();

        assertThat(acks).allSatisfy(ack -> assertThat(ack).isCompletedWithValue(WriteOutcome.WRITTEN));
        assertThat(canonical(itemsIn(target, HASH))).isEqualTo(canonical(expected));
    }

    @Test
    void write_aKeyNotMatchingTheSchema_throwsKeySchemaMismatch_andQueuesNothing() {
        String target = createTarget(COMPOSITE);
        ItemSink sink = openSink(target, COMPOSITE);
        List<WriteOp> wrong = List.of(
                new WriteOp.Put(item("pk", new AttributeValue.N("1"), "sk", new AttributeValue.N("1")), next(),
                        WriteOp.NO_TIMESTAMP),
                new WriteOp.Put(item("pk", new AttributeValue.S("a"), "v", new AttributeValue.N("1")), next(),
                        WriteOp.NO_TIMESTAMP),
                new WriteOp.Delete(Key.of("pk", new AttributeValue.S("a")), next(), WriteOp.NO_TIMESTAMP),
                new WriteOp.Delete(Key.of("pk", new AttributeValue.S("a"), "seq", new AttributeValue.N("1")), next(),
                        WriteOp.NO_TIMESTAMP));

        for (WriteOp op : wrong) {
            assertThatThrownBy(() -> sink.write(op)).as("%s", op)
                    .isInstanceOf(KeySchemaMismatchException.class)
                    .hasMessageContaining(op.origin().toString())
                    .satisfies(e -> {
                        KeySchemaMismatchException m = (KeySchemaMismatchException) e;
                        assertThat(m.expected()).isEqualTo(COMPOSITE);
                        assertThat(m.origin()).isEqualTo(op.origin());
                    });
        }
        sink.flush();

        assertThat(sink.stats().written()).isZero();
        assertThat(itemsIn(target, COMPOSITE)).isEmpty();

        WriteOp.Put right = put("a", 1, 1);
        sink.write(right);
        sink.flush();
        assertThat(canonical(itemsIn(target, COMPOSITE))).containsOnlyKeys(canonical(right.key(COMPOSITE)));
    }

    @Test
    void stats_countThePutsAndDeletesAccepted_andOnlyGrow() {
        String target = createTarget(HASH);
        ItemSink sink = openSink(target, HASH);
        for (int i = 0; i < 50; i++) {
            sink.write(putHash("s" + i, i));
        }
        sink.flush();
        SinkStats afterPuts = sink.stats();
        for (int i = 0; i < 20; i++) {
            sink.write(deleteHash("s" + (i * 3)));   // 17 of them exist, 3 do not: all are accepted
        }
        sink.flush();
        SinkStats afterDeletes = sink.stats();

        assertThat(afterPuts.puts()).isEqualTo(50);
        assertThat(afterDeletes.puts()).isEqualTo(50);
        assertThat(afterDeletes.deletes()).isEqualTo(20);
        assertThat(afterDeletes.written()).isEqualTo(70);
        assertThat(afterDeletes.skipped()).isZero();
        assertThat(afterDeletes.failed()).isZero();
        SinkStats delta = afterDeletes.minus(afterPuts);
        assertThat(List.of(delta.puts(), delta.deletes(), delta.batches(), delta.retries(), delta.throttles(),
                delta.serverErrors(), delta.unprocessedResends(), delta.skipped(), delta.failed()))
                .allSatisfy(d -> assertThat(d).isNotNegative());
        assertThat(canonical(itemsIn(target, HASH))).hasSize(33);
    }

    @Test
    void holdsItems_isFalseOnAnEmptyTarget_andTrueOnceItHoldsOne_orCannotTell() {
        String target = createTarget(HASH);
        ItemSink sink = openSink(target, HASH);

        Optional<Boolean> empty = sink.holdsItems();
        sink.write(putHash("one", 1));
        sink.flush();
        Optional<Boolean> one = sink.holdsItems();

        assertThat(empty).isIn(Optional.empty(), Optional.of(false));
        assertThat(one).isIn(Optional.empty(), Optional.of(true));
    }

    @Test
    void target_isTheSameForTwoSinksOnOneDestination_andAnotherForAnother() {
        String a = createTarget(HASH);
        String b = createTarget(HASH);
        ItemSink first = openSink(a, HASH);
        ItemSink second = openSink(a, HASH);
        ItemSink other = openSink(b, HASH);

        Assumptions.assumeTrue(first.target() != null, "this sink cannot name its target (allowed: null)");
        assertThat(second.target()).isEqualTo(first.target());
        assertThat(other.target()).isNotNull().isNotEqualTo(first.target());
    }

    @Test
    void writersOnSeveralThreads_eachOperationLandsOnce() throws Exception {
        String target = createTarget(COMPOSITE);
        ItemSink sink = openSink(target, COMPOSITE);
        int writers = 4;
        int each = 100;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        Map<Key, Item> expected = new HashMap<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                List<WriteOp.Put> mine = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    mine.add(put("w" + w + "-" + (i % 25), i / 25, i));
                }
                mine.forEach(p -> apply(expected, p, COMPOSITE));
                done.add(pool.submit(() -> {
                    start.await();
                    mine.forEach(sink::write);
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
        sink.flush();

        assertThat(sink.stats().puts()).isEqualTo((long) writers * each);
        assertThat(canonical(itemsIn(target, COMPOSITE))).isEqualTo(canonical(expected));
    }

    @Test
    void write_afterClose_isRefused() {
        ItemSink sink = openSink(createTarget(HASH), HASH);
        sink.close();

        assertThatThrownBy(() -> sink.write(putHash("late", 1))).isInstanceOf(IllegalStateException.class);
    }

    private Origin next() {
        return new Origin(FILE, lines.incrementAndGet());
    }

    /** A put of {@code {pk, sk, v, s}} keyed by {@code pk} and {@code sk}, from the next line. */
    protected WriteOp.Put put(String pk, long sk, long v) {
        Map<String, AttributeValue> a = new LinkedHashMap<>();
        a.put("pk", new AttributeValue.S(pk));
        a.put("sk", new AttributeValue.N(Long.toString(sk)));
        a.put("v", new AttributeValue.N(Long.toString(v)));
        a.put("s", new AttributeValue.S("value " + v));
        return new WriteOp.Put(new Item(a), next(), WriteOp.NO_TIMESTAMP);
    }

    /** A delete of {@code {pk, sk}}, from the next line. */
    protected WriteOp.Delete delete(String pk, long sk) {
        return new WriteOp.Delete(Key.of("pk", new AttributeValue.S(pk), "sk", new AttributeValue.N(Long.toString(sk))),
                next(), WriteOp.NO_TIMESTAMP);
    }

    private WriteOp.Put putHash(String id, long v) {
        return new WriteOp.Put(item("id", new AttributeValue.S(id), "v", new AttributeValue.N(Long.toString(v))), next(),
                WriteOp.NO_TIMESTAMP);
    }

    private WriteOp.Delete deleteHash(String id) {
        return new WriteOp.Delete(Key.of("id", new AttributeValue.S(id)), next(), WriteOp.NO_TIMESTAMP);
    }

    private static Item item(String n1, AttributeValue v1, String n2, AttributeValue v2) {
        Map<String, AttributeValue> a = new LinkedHashMap<>();
        a.put(n1, v1);
        a.put(n2, v2);
        return new Item(a);
    }

    private static void apply(Map<Key, Item> table, WriteOp op, KeySchema schema) {
        if (op instanceof WriteOp.Put p) {
            table.put(p.key(schema), p.item());
        } else {
            table.remove(op.key(schema));
        }
    }

    /** The items with every number as its value's plain text, keys likewise. */
    private static Map<Key, Item> canonical(Map<Key, Item> items) {
        Map<Key, Item> out = new HashMap<>();
        items.forEach((k, v) -> out.put(canonical(k), new Item(canonicalNumbers(v.attributes()))));
        return out;
    }

    private static Key canonical(Key key) {
        return new Key(canonicalNumbers(key.attributes()));
    }

    private static Map<String, AttributeValue> canonicalNumbers(Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> out = new HashMap<>();
        attributes.forEach((name, value) -> out.put(name, value instanceof AttributeValue.N n
                ? new AttributeValue.N(new BigDecimal(n.text()).stripTrailingZeros().toPlainString()) : value));
        return out;
    }
}
