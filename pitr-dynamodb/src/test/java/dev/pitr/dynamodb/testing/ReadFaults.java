package dev.pitr.dynamodb.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Watches and disturbs Scan and BatchGetItem calls, faithfully: what is reported as not read
 * really was not read.
 * <ul>
 * <li><b>Throttling</b>: the Scan calls {@link #throttlingScans} picks (by their number, from 1)
 *     are sent to a table that does not exist and answered with a {@code 400
 *     ProvisionedThroughputExceededException}, which the SDK parses (and its retry policy judges)
 *     as the service's own.</li>
 * <li><b>Unprocessed keys</b>: {@link #handingBackKeys} takes a share of each BatchGetItem call's
 *     keys out of the request before it is sent (at least one key stays) and puts them into the
 *     answer's {@code UnprocessedKeys}.</li>
 * <li><b>No consumed capacity</b>: {@link #withoutConsumedCapacity} takes {@code ConsumedCapacity}
 *     out of every Scan answer, as a DynamoDB-compatible service that reports none would.</li>
 * </ul>
 * It records what the calls asked for ({@code ConsistentRead}, {@code ReturnConsumedCapacity})
 * and counts calls (once per execution) and HTTP attempts (once per attempt: more than calls when
 * the SDK retries on its own).
 */
public final class ReadFaults extends ErrorAnswers {
    private static final ExecutionAttribute<Map<String, KeysAndAttributes>> HELD_BACK =
            new ExecutionAttribute<>("pitr.test.heldBackKeys");

    private final AtomicLong scans = new AtomicLong();
    private final AtomicLong batchGets = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong throttles = new AtomicLong();
    private final AtomicLong keysHandedBack = new AtomicLong();
    private final AtomicLong callsHandingBack = new AtomicLong();
    private final Set<Boolean> consistentReads = ConcurrentHashMap.newKeySet();
    private final Set<String> returnConsumedCapacity = ConcurrentHashMap.newKeySet();
    private volatile LongPredicate throttleScan = n -> false;
    private volatile double handBackShare;
    private volatile Random random = new Random(0);
    private volatile boolean dropConsumedCapacity;

    /** Throttles the Scan calls whose number (1-based, in the order they are made) {@code calls} accepts. */
    public ReadFaults throttlingScans(LongPredicate calls) {
        this.throttleScan = calls;
        return this;
    }

    /** Hands back about {@code share} of each BatchGetItem call's keys unprocessed. */
    public ReadFaults handingBackKeys(double share, long seed) {
        this.handBackShare = share;
        this.random = new Random(seed);
        return this;
    }

    /** Scan answers carry no {@code ConsumedCapacity}. */
    public ReadFaults withoutConsumedCapacity() {
        this.dropConsumedCapacity = true;
        return this;
    }

    /** Scan calls made. */
    public long scans() {
        return scans.get();
    }

    /** BatchGetItem calls made. */
    public long batchGets() {
        return batchGets.get();
    }

    /** HTTP attempts of the Scan and BatchGetItem calls, SDK retries included. */
    public long attempts() {
        return attempts.get();
    }

    /** Scan calls answered with an injected throttling error. */
    public long throttles() {
        return throttles.get();
    }

    /** Keys handed back unprocessed by injection. */
    public long keysHandedBack() {
        return keysHandedBack.get();
    }

    /** BatchGetItem calls whose answer had keys handed back by injection. */
    public long callsHandingBack() {
        return callsHandingBack.get();
    }

    /** The {@code ConsistentRead} values the calls carried ({@code false} where they left it out). */
    public Set<Boolean> consistentReads() {
        return Set.copyOf(consistentReads);
    }

    /** The {@code ReturnConsumedCapacity} values the calls carried ({@code "null"} where they left it out). */
    public Set<String> returnConsumedCapacity() {
        return Set.copyOf(returnConsumedCapacity);
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (context.request() instanceof ScanRequest scan) {
            consistentReads.add(Boolean.TRUE.equals(scan.consistentRead()));
            returnConsumedCapacity.add(String.valueOf(scan.returnConsumedCapacityAsString()));
            if (throttleScan.test(scans.incrementAndGet())) {
                throttles.incrementAndGet();
                answerWith(attributes, Error.THROTTLE);
                return scan.toBuilder().tableName(NO_SUCH_TABLE).build();
            }
        } else if (context.request() instanceof BatchGetItemRequest get) {
            batchGets.incrementAndGet();
            returnConsumedCapacity.add(String.valueOf(get.returnConsumedCapacityAsString()));
            get.requestItems().values().forEach(k -> consistentReads.add(Boolean.TRUE.equals(k.consistentRead())));
            if (handBackShare > 0) {
                return holdBack(get, attributes);
            }
        }
        return context.request();
    }

    private BatchGetItemRequest holdBack(BatchGetItemRequest get, ExecutionAttributes attributes) {
        Map<String, KeysAndAttributes> send = new LinkedHashMap<>();
        Map<String, KeysAndAttributes> held = new LinkedHashMap<>();
        get.requestItems().forEach((table, k) -> {
            List<Map<String, AttributeValue>> keep = new ArrayList<>();
            List<Map<String, AttributeValue>> hold = new ArrayList<>();
            for (Map<String, AttributeValue> key : k.keys()) {
                boolean holdIt;
                synchronized (this) {
                    holdIt = random.nextDouble() < handBackShare;
                }
                (holdIt ? hold : keep).add(key);
            }
            if (keep.isEmpty()) {
                keep.add(hold.remove(hold.size() - 1));
            }
            send.put(table, k.toBuilder().keys(keep).build());
            if (!hold.isEmpty()) {
                held.put(table, k.toBuilder().keys(hold).build());
                keysHandedBack.addAndGet(hold.size());
            }
        });
        if (held.isEmpty()) {
            return get;
        }
        callsHandingBack.incrementAndGet();
        attributes.putAttribute(HELD_BACK, held);
        return get.toBuilder().requestItems(send).build();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (context.request() instanceof ScanRequest || context.request() instanceof BatchGetItemRequest) {
            attempts.incrementAndGet();
        }
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (dropConsumedCapacity && context.response() instanceof ScanResponse scan) {
            return scan.toBuilder().consumedCapacity((ConsumedCapacity) null).build();
        }
        Map<String, KeysAndAttributes> held = attributes.getAttribute(HELD_BACK);
        if (held == null || !(context.response() instanceof BatchGetItemResponse response)) {
            return context.response();
        }
        Map<String, KeysAndAttributes> unprocessed = new LinkedHashMap<>(response.unprocessedKeys());
        held.forEach((table, k) -> unprocessed.merge(table, k, (a, b) -> {
            List<Map<String, AttributeValue>> keys = new ArrayList<>(a.keys());
            keys.addAll(b.keys());
            return a.toBuilder().keys(keys).build();
        }));
        return response.toBuilder().unprocessedKeys(unprocessed).build();
    }
}
