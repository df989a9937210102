package dev.pitr.dynamodb;

import static dev.pitr.dynamodb.ReaderTables.HASH;
import static dev.pitr.dynamodb.ReaderTables.HASH_RANGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.PitrException;
import dev.pitr.dynamodb.testing.ReadFaults;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.testing.dynamodb.DynamoDbLocalExtension;
import dev.pitr.verify.SameValue;
import dev.pitr.verify.TableReader.ReadStats;
import dev.pitr.write.TargetTableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/** The reader against DynamoDB Local: what a scan and a keyed read hand over, and how they stop. */
@ExtendWith(DynamoDbLocalExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DynamoDbTableReaderTest {
    private static final int ITEMS = 2_500;

    private static DynamoDbLocal ddb;
    private static DynamoDbAsyncClient client;
    private static String hashTable;
    private static String hashRangeTable;
    private static Map<Key, Item> hashItems;
    private static Map<Key, Item> hashRangeItems;

    @BeforeAll
    static void tables(DynamoDbLocal local) {
        ddb = local;
        client = local.asyncClient();
        Random random = new Random(21);
        hashTable = DynamoDbLocal.uniqueTableName("read-hash");
        hashItems = ReaderTables.create(local, hashTable, HASH, ReaderTables.hashItems(random, ITEMS));
        hashRangeTable = DynamoDbLocal.uniqueTableName("read-range");
        hashRangeItems = ReaderTables.create(local, hashRangeTable, HASH_RANGE,
                ReaderTables.hashRangeItems(random, ITEMS));
    }

    private static DynamoDbTableReader.Builder reader(String table) {
        return DynamoDbTableReader.builder().client(client).tableName(table);
    }

    @ParameterizedTest(name = "{0} segment(s)")
    @ValueSource(ints = {1, 8})
    void scan_hashKeyedTableOfEveryAttributeType_handsOverEveryItemOnce_equalToWhatWasWritten(int segments) {
        scanAndCompare(hashTable, HASH, hashItems, segments);
    }

    @ParameterizedTest(name = "{0} segment(s)")
    @ValueSource(ints = {1, 8})
    void scan_numberAndBinaryKeyedTable_handsOverEveryItemOnce_equalToWhatWasWritten(int segments) {
        scanAndCompare(hashRangeTable, HASH_RANGE, hashRangeItems, segments);
    }

    private static void scanAndCompare(String table, KeySchema schema, Map<Key, Item> expected, int segments) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DynamoDbTableReader reader = reader(table).segments(segments).meterRegistry(registry).build();
        assertThat(reader.open()).isEqualTo(schema);
        ReaderTables.Collected collected = new ReaderTables.Collected(schema);

        ReadStats stats = reader.scan(collected);

        assertThat(collected.repeated()).as("items handed over twice").isZero();
        assertThat(ReaderTables.differences(expected, collected.items())).isEmpty();
        assertThat(stats.items()).isEqualTo(expected.size());
        assertThat(stats.requests()).isGreaterThanOrEqualTo(segments);
        assertThat(stats.capacityUnits()).isPositive();
        assertThat(stats.throttled()).isZero();
        assertThat(reader.stats()).isEqualTo(stats);
        assertThat(registry.get("pitr.read.items").counter().count()).isEqualTo(expected.size());
        assertThat(registry.get("pitr.read.rcu.consumed").counter().count()).isEqualTo(stats.capacityUnits());
    }

    @Test
    void scan_pagesOfAFewItems_areEachOneRequest_andTheStatsAddUpOverScans() {
        DynamoDbTableReader reader = reader(hashTable).segments(3).pageLimit(500).build();

        ReadStats first = reader.scan(new ReaderTables.Collected(HASH));
        ReadStats second = reader.scan(new ReaderTables.Collected(HASH));

        assertThat(first.requests()).isBetween((long) ITEMS / 500, (long) ITEMS / 500 + 2 * 3);
        assertThat(second.items()).isEqualTo(first.items()).isEqualTo(ITEMS);
        assertThat(reader.stats().items()).isEqualTo(2L * ITEMS);
        assertThat(reader.stats().requests()).isEqualTo(first.requests() + second.requests());
    }

    @Test
    void scanAndGet_consistentRead_sendConsistentReadTrue_andAskForTheConsumedCapacity() {
        ReadFaults watched = new ReadFaults();
        DynamoDbTableReader reader = DynamoDbTableReader.builder()
                .client(ddb.asyncClientWithoutSdkRetries(watched)).tableName(hashRangeTable)
                .consistentRead(true).segments(2).build();

        ReadStats stats = reader.scan(new ReaderTables.Collected(HASH_RANGE));
        reader.get(List.copyOf(hashRangeItems.keySet()).subList(0, 10));

        assertThat(watched.scans()).isPositive();
        assertThat(watched.batchGets()).isEqualTo(1);
        assertThat(watched.consistentReads()).containsExactly(true);
        assertThat(watched.returnConsumedCapacity()).containsExactly("TOTAL");
        // Strongly consistent reads cost twice the eventually consistent ones.
        ReadStats eventually = reader(hashRangeTable).segments(2).build().scan(new ReaderTables.Collected(HASH_RANGE));
        assertThat(stats.capacityUnits()).isCloseTo(2 * eventually.capacityUnits(), org.assertj.core.data.Percentage.withPercentage(5));
    }

    @Test
    void scan_answersWithoutConsumedCapacity_estimatesItFromTheItemSizes_asDynamoDbBillsThem() {
        ReadStats reported = reader(hashRangeTable).segments(2).pageLimit(100).build()
                .scan(new ReaderTables.Collected(HASH_RANGE));
        ReadFaults unreported = new ReadFaults().withoutConsumedCapacity();
        DynamoDbTableReader reader = DynamoDbTableReader.builder()
                .client(ddb.asyncClientWithoutSdkRetries(unreported)).tableName(hashRangeTable)
                .segments(2).pageLimit(100).build();

        ReadStats estimated = reader.scan(new ReaderTables.Collected(HASH_RANGE));

        assertThat(estimated.items()).isEqualTo(ITEMS);
        assertThat(estimated.capacityUnits()).isCloseTo(reported.capacityUnits(),
                org.assertj.core.data.Percentage.withPercentage(10));
    }

    @Test
    void scanAndGet_byDefault_sendConsistentReadFalse() {
        ReadFaults watched = new ReadFaults();
        DynamoDbTableReader reader = DynamoDbTableReader.builder()
                .client(ddb.asyncClientWithoutSdkRetries(watched)).tableName(hashTable).build();

        reader.scan(item -> { });
        reader.get(List.copyOf(hashItems.keySet()).subList(0, 3));

        assertThat(watched.consistentReads()).containsExactly(false);
    }

    @Test
    void get_hundredKeysSomeMissingSomeInAnotherNumberForm_withKeysHandedBackUnprocessed_returnsExactlyThePresentOnes() {
        ReadFaults faults = new ReadFaults().handingBackKeys(0.4, 3);
        DynamoDbTableReader reader = DynamoDbTableReader.builder()
                .client(ddb.asyncClientWithoutSdkRetries(faults)).tableName(hashRangeTable)
                .backoff(java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(5)).build();
        List<Key> present = new ArrayList<>(List.copyOf(hashRangeItems.keySet()).subList(0, 70));
        for (int i = 0; i < 10; i++) { // asked as 12.0 where the table holds 12
            Key k = present.get(i);
            present.set(i, Key.of("id", new AttributeValue.N(((AttributeValue.N) k.get("id")).text() + ".0"),
                    "sk", k.get("sk")));
        }
        List<Key> keys = new ArrayList<>(present);
        for (int i = 0; i < 30; i++) {
            keys.add(Key.of("id", new AttributeValue.N(Integer.toString(1_000 + i)), "sk",
                    AttributeValue.B.wrap(new byte[] {(byte) i})));
        }
        java.util.Collections.shuffle(keys, new Random(5));

        Map<Key, Item> got = reader.get(keys);

        assertThat(got).hasSize(70);
        assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(present);
        for (Key asked : present) {
            Key sameInstance = got.keySet().stream().filter(k -> k == asked).findFirst().orElse(null);
            assertThat(sameInstance).as("the very key asked for").isSameAs(asked);
            Item expected = hashRangeItems.get(HASH_RANGE.keyOf(got.get(asked)));
            assertThat(SameValue.items(expected, got.get(asked))).isTrue();
        }
        assertThat(faults.keysHandedBack()).isPositive();
        assertThat(faults.batchGets()).isGreaterThan(1);
        assertThat(reader.stats().throttled()).isEqualTo(faults.callsHandingBack());
        assertThat(reader.stats().items()).isEqualTo(70);
        assertThat(reader.stats().requests()).isEqualTo(faults.batchGets());
    }

    @Test
    void get_oneKeyTwiceInTwoNumberForms_isAskedOnce_andReturnedUnderBoth() {
        Key item = hashRangeItems.keySet().iterator().next();
        Key other = Key.of("id", new AttributeValue.N(((AttributeValue.N) item.get("id")).text() + ".00"),
                "sk", item.get("sk"));
        ReadFaults watched = new ReadFaults();
        DynamoDbTableReader reader = DynamoDbTableReader.builder()
                .client(ddb.asyncClientWithoutSdkRetries(watched)).tableName(hashRangeTable).build();

        Map<Key, Item> got = reader.get(List.of(item, other));

        assertThat(got).containsOnlyKeys(item, other);
        assertThat(got.get(item)).isSameAs(got.get(other));
        assertThat(watched.batchGets()).isEqualTo(1);
    }

    @Test
    void get_moreThan100Keys_orAKeyOfAnotherSchema_isRefused() {
        DynamoDbTableReader reader = reader(hashTable).build();
        List<Key> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(Key.of("pk", new AttributeValue.S("k" + i)));
        }
        assertThatThrownBy(() -> reader.get(many)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("101");
        assertThatThrownBy(() -> reader.get(List.of(Key.of("pk", new AttributeValue.N("1")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(hashTable)
                .hasMessageContaining("pk");
        assertThat(reader.get(List.of())).isEmpty();
    }

    @Test
    void scan_visitorThrows_stopsEverySegment_andTheExceptionPropagates() {
        DynamoDbTableReader reader = reader(hashTable).segments(8).pageLimit(50).build();
        IllegalStateException boom = new IllegalStateException("visitor failed");
        AtomicInteger visited = new AtomicInteger();

        assertThatThrownBy(() -> reader.scan(item -> {
            if (visited.incrementAndGet() == 100) {
                throw boom;
            }
        })).isSameAs(boom);

        int atReturn = visited.get();
        assertThat(atReturn).isLessThan(100 + 8 * 50);
        assertThat(scanThreads(hashTable)).as("scan threads left running").isEmpty();
        assertThat(visited.get()).as("visited after scan() returned").isEqualTo(atReturn);
        assertThat(reader.stats().items()).isLessThan(ITEMS);
    }

    @Test
    void scan_callerInterrupted_stopsAndThrows_withTheInterruptFlagSet() throws Exception {
        String table = DynamoDbLocal.uniqueTableName("read-interrupt");
        ReaderTables.create(ddb, table, HASH, ReaderTables.sizedItems(100, 3_900));
        // At 2 RCU/s, a page of 20 items (10 RCU) is followed by a wait of seconds.
        DynamoDbTableReader reader = reader(table).maxReadCapacityUnitsPerSecond(2).pageLimit(20).segments(1).build();
        CountDownLatch firstItem = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flagSet = new AtomicReference<>();
        Thread scanning = new Thread(() -> {
            try {
                reader.scan(item -> firstItem.countDown());
            } catch (Throwable t) {
                thrown.set(t);
                flagSet.set(Thread.currentThread().isInterrupted());
            }
        }, "test-scan-caller");
        scanning.start();
        assertThat(firstItem.await(30, TimeUnit.SECONDS)).isTrue();

        long interruptedAt = System.nanoTime();
        scanning.interrupt();
        scanning.join(TimeUnit.SECONDS.toMillis(20));

        assertThat(scanning.isAlive()).isFalse();
        assertThat(System.nanoTime() - interruptedAt).isLessThan(TimeUnit.SECONDS.toNanos(5));
        assertThat(thrown.get()).isInstanceOf(PitrException.class).hasMessageContaining(table)
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(flagSet.get()).isTrue();
        assertThat(reader.stats().items()).isLessThan(100);
        assertThat(scanThreads(table)).isEmpty();
    }

    @Test
    void open_tableThatDoesNotExist_isRefusedNamingIt() {
        DynamoDbTableReader reader = reader("no-such-table-here").build();
        assertThatThrownBy(reader::open).isInstanceOf(TargetTableException.class)
                .hasMessageContaining("no-such-table-here").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> reader.scan(item -> { })).isInstanceOf(TargetTableException.class);
    }

    @Test
    void target_isTheSinksTarget_byNameOrByArn() {
        String target;
        try (DynamoDbItemSink sink = DynamoDbItemSink.builder().client(client).tableName(hashTable).build()) {
            target = sink.target();
        }
        String arn = target.substring(target.indexOf('#') + 1);

        assertThat(reader(hashTable).build().target()).isEqualTo(target).startsWith(ddb.endpoint() + "#");
        assertThat(reader(arn).build().target()).isEqualTo(target);
    }

    @Test
    void scan_tableNamedByArn_readsIt() {
        String target = reader(hashTable).build().target();
        DynamoDbTableReader byArn = reader(target.substring(target.indexOf('#') + 1)).segments(2).build();
        ReaderTables.Collected collected = new ReaderTables.Collected(HASH);

        byArn.scan(collected);
        Map<Key, Item> got = byArn.get(List.copyOf(hashItems.keySet()).subList(0, 5));

        assertThat(collected.items()).hasSize(ITEMS);
        assertThat(got).hasSize(5);
    }

    private static List<String> scanThreads(String table) {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("pitr-scan-" + table + "-")).toList();
    }
}
