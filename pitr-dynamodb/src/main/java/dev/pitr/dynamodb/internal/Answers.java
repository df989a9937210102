package dev.pitr.dynamodb.internal;

import dev.pitr.model.KeySchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Reads what a BatchWriteItem answer says about the operations of its batch. */
final class Answers {
    private Answers() {
    }

    /**
     * The operations of a batch to send again after DynamoDB handed some back unprocessed.
     *
     * @param ops     the operations to send again: those handed back, or every operation of the
     *                batch when some handed-back entry matched none of them
     * @param unknown handed-back entries that match no operation of the batch
     */
    record HandedBack(List<Pending> ops, int unknown) {
        static final HandedBack NONE = new HandedBack(List.of(), 0);
    }

    /**
     * The operations of {@code batch} to send again because {@code response} hands entries back
     * as {@code UnprocessedItems}. Entries are matched to operations by item, as DynamoDB tells
     * items apart (numbers by value: {@code 1.50} is the operation on {@code 1.5}). An entry that
     * matches no operation means the answer cannot be matched with the request: then no
     * operation of the batch is taken as written, they all go again (a put or delete written
     * twice in a row leaves the same item, and the batch has one operation per item).
     */
    static HandedBack handedBack(List<Pending> batch, BatchWriteItemResponse response, String table,
                                 KeySchema schema) {
        if (!response.hasUnprocessedItems() || response.unprocessedItems().isEmpty()) {
            return HandedBack.NONE;
        }
        List<WriteRequest> items = response.unprocessedItems().get(table);
        if (items == null) {
            // The request named the table by ARN and the answer by name, or the other way round:
            // every entry is this batch's (a request names one table).
            items = new ArrayList<>();
            for (List<WriteRequest> entries : response.unprocessedItems().values()) {
                items.addAll(entries);
            }
        }
        if (items.isEmpty()) {
            return HandedBack.NONE;
        }
        Map<KeyIdentity, Pending> byItem = new HashMap<>();
        for (Pending p : batch) {
            byItem.put(p.identity, p);
        }
        List<Pending> again = new ArrayList<>(items.size());
        int unknown = 0;
        for (WriteRequest w : items) {
            KeyIdentity identity = identityOf(w, schema);
            Pending p = identity == null ? null : byItem.remove(identity);
            if (p != null) {
                again.add(p);
            } else {
                unknown++;
            }
        }
        return new HandedBack(unknown == 0 ? again : List.copyOf(batch), unknown);
    }

    /** The write capacity the answer reports as consumed, or NaN when it reports none. */
    static double consumedUnits(BatchWriteItemResponse response) {
        return response.hasConsumedCapacity() ? CapacityUnits.reported(response.consumedCapacity()) : Double.NaN;
    }

    private static KeyIdentity identityOf(WriteRequest w, KeySchema schema) {
        Map<String, AttributeValue> attributes = w.putRequest() != null ? w.putRequest().item()
                : w.deleteRequest() != null ? w.deleteRequest().key() : null;
        return attributes == null ? null : KeyIdentity.of(attributes, schema);
    }
}
