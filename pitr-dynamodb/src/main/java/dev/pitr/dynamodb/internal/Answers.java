package dev.pitr.dynamodb.internal;

import dev.pitr.model.KeySchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Reads what a BatchWriteItem answer says about the operations of its batch. */
final class Answers {
    private Answers() {
    }

    /**
     * The operations of a batch that DynamoDB handed back unprocessed, matched by key.
     *
     * @param ops     the operations that went out, the handed-back ones among them
     * @param unknown handed-back entries that match no operation of the batch
     */
    record HandedBack(List<Pending> ops, int unknown) {
        static final HandedBack NONE = new HandedBack(List.of(), 0);
    }

    /** The operations of {@code batch} that {@code response} hands back as {@code UnprocessedItems}. */
    static HandedBack handedBack(List<Pending> batch, BatchWriteItemResponse response, String table,
                                 KeySchema schema) {
        if (!response.hasUnprocessedItems() || response.unprocessedItems().isEmpty()) {
            return HandedBack.NONE;
        }
        List<WriteRequest> items = response.unprocessedItems().get(table);
        if (items == null && response.unprocessedItems().size() == 1) {
            // The request named the table by ARN and the answer by name, or the other way round.
            items = response.unprocessedItems().values().iterator().next();
        }
        if (items == null || items.isEmpty()) {
            return HandedBack.NONE;
        }
        Map<Object, Pending> byKey = new HashMap<>();
        for (Pending p : batch) {
            byKey.put(keyOf(p, schema), p);
        }
        List<Pending> again = new ArrayList<>(items.size());
        int unknown = 0;
        for (WriteRequest w : items) {
            Pending p = byKey.remove(keyOf(w, schema));
            if (p != null) {
                again.add(p);
            } else {
                unknown++;
            }
        }
        return new HandedBack(again, unknown);
    }

    /** The write capacity the answer reports as consumed, or NaN when it reports none. */
    static double consumedUnits(BatchWriteItemResponse response) {
        if (!response.hasConsumedCapacity() || response.consumedCapacity().isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        boolean any = false;
        for (ConsumedCapacity c : response.consumedCapacity()) {
            if (c.capacityUnits() != null) {
                sum += c.capacityUnits();
                any = true;
            }
        }
        return any ? sum : Double.NaN;
    }

    /** The key of {@code p} as SDK values, from pitr's model (an operation may carry no SDK entry). */
    private static Object keyOf(Pending p, KeySchema schema) {
        Map<String, dev.pitr.model.AttributeValue> key = p.key().attributes();
        AttributeValue partition = SdkValues.toSdk(key.get(schema.partitionKey().name()));
        if (schema.sortKey() == null) {
            return Arrays.asList(partition);
        }
        return Arrays.asList(partition, SdkValues.toSdk(key.get(schema.sortKey().name())));
    }

    private static Object keyOf(WriteRequest w, KeySchema schema) {
        Map<String, AttributeValue> attributes = w.putRequest() != null ? w.putRequest().item() : w.deleteRequest().key();
        AttributeValue partition = attributes.get(schema.partitionKey().name());
        if (schema.sortKey() == null) {
            return Arrays.asList(partition);
        }
        return Arrays.asList(partition, attributes.get(schema.sortKey().name()));
    }
}
