package dev.pitr.dynamodb.internal;

import static dev.pitr.dynamodb.internal.TestOps.delete;
import static dev.pitr.dynamodb.internal.TestOps.pending;
import static dev.pitr.dynamodb.internal.TestOps.put;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchAssemblerTest {
    private static final long MAX_BYTES = RequestSize.MAX_REQUEST_BYTES - RequestSize.ENVELOPE_BYTES;

    private final BatchAssembler assembler = new BatchAssembler(25, MAX_BYTES);

    @Test
    void nextBatch_sixtyReadyOperations_cutsBatchesOf25_25_10() {
        for (int i = 0; i < 60; i++) {
            assembler.add(pending(put("k" + i, "v", i + 1)), 0);
        }
        assertThat(assembler.fullBatchReady()).isTrue();
        assertThat(assembler.nextBatch().size()).isEqualTo(25);
        assertThat(assembler.nextBatch().size()).isEqualTo(25);
        assertThat(assembler.fullBatchReady()).isFalse();
        Batch last = assembler.nextBatch();
        assertThat(last.size()).isEqualTo(10);
        assertThat(last.ops).extracting(p -> p.op.origin().line()).containsExactly(51L, 52L, 53L, 54L, 55L, 56L,
                57L, 58L, 59L, 60L);
        assertThat(assembler.hasReady()).isFalse();
    }

    @Test
    void nextBatch_itemsWhoseRequestPassesSixteenMegabytes_cutsBeforeTheLimit() {
        // 400,000 control characters: within the 400 KB item limit, 2.4 MB once escaped in JSON.
        String escaped = "\u0001".repeat(400_000);
        for (int i = 0; i < 14; i++) {
            assembler.add(pending(put("k" + i, escaped, i + 1)), 0);
        }
        assertThat(assembler.fullBatchReady()).isTrue();
        List<Batch> batches = new ArrayList<>();
        while (assembler.hasReady()) {
            batches.add(assembler.nextBatch());
        }
        assertThat(batches).extracting(Batch::size).containsExactly(6, 6, 2);
        for (Batch b : batches) {
            assertThat(b.bytes).isLessThanOrEqualTo(MAX_BYTES);
        }
    }

    @Test
    void nextBatch_oneOperationOverTheByteLimit_goesAlone() {
        BatchAssembler small = new BatchAssembler(25, 1000);
        small.add(pending(put("a", "x".repeat(2000), 1)), 0);
        small.add(pending(put("b", "x", 2)), 0);
        assertThat(small.nextBatch().size()).isEqualTo(1);
        assertThat(small.nextBatch().size()).isEqualTo(1);
    }

    @Test
    void add_secondOperationOnAnItem_isDeferredUntilTheFirstIsReleased_andOrderIsKept() {
        Pending put1 = pending(put("k1", "v1", 1));
        Pending other = pending(put("k2", "v", 2));
        Pending del = pending(delete(Key.of("pk", new AttributeValue.S("k1")), 3));
        Pending put3 = pending(put("k1", "v3", 4));
        assembler.add(put1, 0);
        assembler.add(other, 0);
        assembler.add(del, 0);
        assembler.add(put3, 0);
        assertThat(assembler.deferredCount()).isEqualTo(2);

        assertThat(assembler.nextBatch().ops).containsExactly(put1, other);
        assertThat(assembler.hasReady()).isFalse();

        assembler.release(other, 5);
        assertThat(assembler.hasReady()).isFalse();
        assembler.release(put1, 5);
        assertThat(assembler.nextBatch().ops).containsExactly(del);
        assembler.release(del, 6);
        assertThat(assembler.nextBatch().ops).containsExactly(put3);
        assembler.release(put3, 7);
        assertThat(assembler.deferredCount()).isZero();

        // The item is free again: a new operation on it is ready at once.
        Pending again = pending(put("k1", "v4", 8));
        assembler.add(again, 9);
        assertThat(assembler.nextBatch().ops).containsExactly(again);
    }

    @Test
    void add_numberKeysWrittenDifferently_areOneItem() {
        KeySchema schema = KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N);
        Pending a = pending(putWithSort("1"), schema);
        Pending b = pending(putWithSort("1.0"), schema);
        Pending c = pending(putWithSort("10E-1"), schema);
        Pending d = pending(putWithSort("2"), schema);
        assembler.add(a, 0);
        assembler.add(b, 0);
        assembler.add(c, 0);
        assembler.add(d, 0);
        assertThat(assembler.nextBatch().ops).containsExactly(a, d);
        assembler.release(a, 1);
        assertThat(assembler.nextBatch().ops).containsExactly(b);
        assembler.release(b, 1);
        assertThat(assembler.nextBatch().ops).containsExactly(c);
    }

    @Test
    void add_binaryKeysWithEqualBytes_areOneItem() {
        KeySchema schema = KeySchema.of("id", KeySchema.ScalarType.B);
        Pending a = pending(delete(Key.of("id", AttributeValue.B.of(new byte[] {1, 2})), 1), schema);
        Pending b = pending(delete(Key.of("id", AttributeValue.B.of(new byte[] {1, 2})), 2), schema);
        assembler.add(a, 0);
        assembler.add(b, 0);
        assertThat(assembler.nextBatch().ops).containsExactly(a);
    }

    @Test
    void oldestReadySince_isWhenTheHeadBecameReady() {
        assertThat(assembler.oldestReadySince()).isEqualTo(Long.MAX_VALUE);
        Pending first = pending(put("a", "v", 1));
        assembler.add(first, 100);
        assembler.add(pending(put("a", "w", 2)), 200);
        assembler.add(pending(put("b", "v", 3)), 300);
        assertThat(assembler.oldestReadySince()).isEqualTo(100);
        assembler.topUp(new Batch(List.of(), 0, false));
        assertThat(assembler.hasReady()).isFalse();
        assembler.release(first, 400);
        assertThat(assembler.oldestReadySince()).isEqualTo(400);
    }

    @Test
    void randomStream_neverTwoOperationsOnOneItemInABatch_andEachItemsOperationsLeaveInArrivalOrder() {
        Random random = new Random(7);
        Map<String, List<Long>> arrival = new HashMap<>();
        Map<String, List<Long>> departure = new HashMap<>();
        List<Pending> inFlight = new ArrayList<>();
        long line = 0;
        for (int round = 0; round < 2000; round++) {
            for (int i = random.nextInt(40); i > 0; i--) {
                String pk = "k" + random.nextInt(30);
                line++;
                WriteOp op = random.nextInt(4) == 0 ? delete(Key.of("pk", new AttributeValue.S(pk)), line)
                        : put(pk, "v" + line, line);
                arrival.computeIfAbsent(pk, k -> new ArrayList<>()).add(line);
                assembler.add(pending(op), round);
            }
            if (assembler.hasReady()) {
                Batch b = assembler.nextBatch();
                assertThat(b.size()).isBetween(1, 25);
                Set<Object> items = new HashSet<>();
                for (Pending p : b.ops) {
                    assertThat(items.add(p.identity)).as("one operation per item in a batch").isTrue();
                    departure.computeIfAbsent(((AttributeValue.S) p.key().get("pk")).value(), k -> new ArrayList<>())
                            .add(p.op.origin().line());
                }
                inFlight.addAll(b.ops);
            }
            // Answers come back in any order.
            Collections.shuffle(inFlight, random);
            int answered = random.nextInt(inFlight.size() + 1);
            for (int i = 0; i < answered; i++) {
                assembler.release(inFlight.remove(inFlight.size() - 1), round);
            }
        }
        while (assembler.hasReady() || !inFlight.isEmpty()) {
            if (assembler.hasReady()) {
                Batch b = assembler.nextBatch();
                for (Pending p : b.ops) {
                    departure.computeIfAbsent(((AttributeValue.S) p.key().get("pk")).value(), k -> new ArrayList<>())
                            .add(p.op.origin().line());
                }
                inFlight.addAll(b.ops);
            }
            for (Pending p : inFlight) {
                assembler.release(p, 0);
            }
            inFlight.clear();
        }
        assertThat(departure).isEqualTo(arrival);
        assertThat(assembler.deferredCount()).isZero();
    }

    private static WriteOp putWithSort(String sortText) {
        Map<String, AttributeValue> attrs = new java.util.LinkedHashMap<>();
        attrs.put("pk", new AttributeValue.S("p"));
        attrs.put("sk", new AttributeValue.N(sortText));
        return new WriteOp.Put(new Item(attrs), new Origin("f", 1), WriteOp.NO_TIMESTAMP);
    }
}
