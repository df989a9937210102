package dev.pitr.dynamodb.internal;

import dev.pitr.PitrException;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * One keyed read of at most {@link #MAX_KEYS} keys with BatchGetItem, on the caller's thread.
 * Keys naming one item (numbers by value: {@code 1.50} is {@code 1.5}) are asked once. The keys
 * DynamoDB hands back as {@code UnprocessedKeys} are asked again after a backoff, each round a
 * throttle for the rate limiter; the read fails when {@code maxAttempts} rounds in a row bring
 * nothing new. Items are matched to the keys asked for by {@link KeyIdentity}.
 */
final class BatchGet {
    /** The most keys one BatchGetItem request takes. */
    static final int MAX_KEYS = 100;

    private final ReaderConfig config;
    private final ReadRequests requests;

    BatchGet(ReaderConfig config, ReadRequests requests) {
        this.config = config;
        this.requests = requests;
    }

    /**
     * The items of {@code keys}, by the keys asked for.
     *
     * @throws IllegalArgumentException when there are more than {@link #MAX_KEYS} keys, or a key
     *                                  does not fit the schema
     */
    Map<Key, Item> get(List<Key> keys, KeySchema schema, ReadCounters counters) throws InterruptedException {
        if (keys.size() > MAX_KEYS) {
            throw new IllegalArgumentException("keys must be at most " + MAX_KEYS + " for one read, got " + keys.size());
        }
        Map<KeyIdentity, List<Key>> asked = new LinkedHashMap<>();
        List<Map<String, AttributeValue>> pending = new ArrayList<>(keys.size());
        for (Key key : keys) {
            String mismatch = schema.mismatch(key);
            if (mismatch != null) {
                throw new IllegalArgumentException("Cannot read a key from table " + config.table() + ": " + mismatch);
            }
            asked.computeIfAbsent(KeyIdentity.of(key, schema), id -> {
                pending.add(SdkValues.toSdk(key.attributes()));
                return new ArrayList<>(1);
            }).add(key);
        }
        Map<Key, Item> found = new HashMap<>();
        int round = 0;
        int fruitless = 0;
        while (!pending.isEmpty()) {
            double perKey = CapacityUnits.estimate(0, config.consistentRead());
            int estimate = CapacityUnits.permits(pending.size() * perKey);
            BatchGetItemRequest request = request(pending);
            ReadRequests.Answer<BatchGetItemResponse> answer = requests.send("BatchGetItem of " + pending.size()
                    + " keys", estimate, () -> config.client().batchGetItem(request), counters);
            BatchGetItemResponse response = answer.response();
            double estimated = 0;
            int items = 0;
            for (List<Map<String, AttributeValue>> tableItems : response.responses().values()) {
                for (Map<String, AttributeValue> raw : tableItems) {
                    Item item = new Item(SdkValues.toModel(raw));
                    estimated += CapacityUnits.estimate(item.sizeInBytes(), config.consistentRead());
                    items++;
                    List<Key> under = asked.get(KeyIdentity.of(raw, schema));
                    if (under != null) {
                        under.forEach(k -> found.put(k, item));
                    }
                }
            }
            List<Map<String, AttributeValue>> unprocessed = new ArrayList<>();
            for (KeysAndAttributes k : response.unprocessedKeys().values()) {
                unprocessed.addAll(k.keys());
            }
            double units = response.hasConsumedCapacity() ? CapacityUnits.reported(response.consumedCapacity())
                    : Double.NaN;
            if (Double.isNaN(units)) {
                units = estimated + (pending.size() - unprocessed.size() - items) * perKey;
            }
            requests.answered(answer, estimate, units, (double) unprocessed.size() / pending.size(), counters);
            counters.items(items);
            if (!unprocessed.isEmpty()) {
                fruitless = unprocessed.size() < pending.size() ? 0 : fruitless + 1;
                if (fruitless >= config.maxAttempts()) {
                    throw new PitrException("Reading table " + config.table() + " (BatchGetItem of " + pending.size()
                            + " keys): every key handed back unprocessed " + fruitless + " times in a row, giving up");
                }
                requests.backOff(++round);
            }
            pending.clear();
            pending.addAll(unprocessed);
        }
        return found;
    }

    private BatchGetItemRequest request(List<Map<String, AttributeValue>> keys) {
        return BatchGetItemRequest.builder()
                .requestItems(Map.of(config.table(), KeysAndAttributes.builder()
                        .keys(keys)
                        .consistentRead(config.consistentRead())
                        .build()))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .overrideConfiguration(OwnRetries.OVERRIDE)
                .build();
    }
}
