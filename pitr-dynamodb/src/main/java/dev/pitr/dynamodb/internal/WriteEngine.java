package dev.pitr.dynamodb.internal;

import dev.pitr.PitrException;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.KeySchema;
import dev.pitr.model.WriteOp;
import dev.pitr.write.ItemSink;
import dev.pitr.write.OperationKeys;
import dev.pitr.write.SinkStats;
import dev.pitr.write.WriteCapacity;
import dev.pitr.write.WriteFailedException;
import dev.pitr.write.WriteInterruptedException;
import dev.pitr.write.WriteOutcome;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import dev.pitr.write.TargetTableException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The DynamoDB {@link ItemSink}'s implementation: checks and prepares each operation on the
 * caller's thread (key check, size, capacity, its request-body JSON or its conversion to the
 * SDK's types), applies back-pressure, and hands it to the {@link Dispatcher} running on one
 * named daemon thread.
 */
public final class WriteEngine implements ItemSink {
    private static final Logger LOG = LoggerFactory.getLogger(WriteEngine.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final long CLOSE_WAIT_MILLIS = TimeUnit.SECONDS.toMillis(30);

    private final SinkConfig config;
    private final SinkMetrics metrics;
    private final OpBudget budget;
    private final Dispatcher dispatcher;
    private final Thread thread;

    private final Object ingestLock = new Object();
    private long lastSeq;        // guarded by ingestLock
    private volatile boolean closed;  // written under ingestLock
    private final DescribedTable described;

    /** Registers the meters and starts the writer's thread. */
    public WriteEngine(SinkConfig config) {
        this.config = config;
        this.described = new DescribedTable(config.client(), config.table());
        this.metrics = new SinkMetrics(config.meterRegistry(), config.table(), config.limiter());
        this.budget = new OpBudget(config.maxQueuedOperations(), config.maxQueuedBytes());
        this.dispatcher = new Dispatcher(config, this::openedSchema, metrics, budget);
        this.thread = new Thread(dispatcher, "pitr-writer-" + config.table() + "-" + INSTANCES.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public KeySchema open() {
        return described.open(schema -> LOG.info("Writing to table {} (key {}): at most {} WCU/s, {} requests in "
                + "flight, failure policy {}", config.table(), schema, Double.isInfinite(config.limiter().ceiling())
                ? "unlimited" : Math.round(config.limiter().ceiling()), config.maxInFlightRequests(),
                config.failurePolicy()));
    }

    /**
     * The table's identity once {@link #open()} described it: its ARN, after the endpoint and a
     * {@code #} when the client overrides the endpoint (DynamoDB Local answers one ARN everywhere).
     */
    public String target() {
        open();
        return described.target();
    }

    /** Whether the table holds any item: a Scan of one key, page after page while pages come back empty. */
    public Optional<Boolean> holdsItems() {
        KeySchema schema = open();
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> start = null;
        for (int page = 0; page < 1_000; page++) {
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> from = start;
            ScanResponse r;
            try {
                r = config.client().scan(b -> b.tableName(config.table()).limit(1).consistentRead(true)
                        .projectionExpression("#k").expressionAttributeNames(Map.of("#k", schema.partitionKey().name()))
                        .exclusiveStartKey(from)).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WriteInterruptedException("Interrupted while reading table " + config.table(), e);
            } catch (ExecutionException e) {
                throw new TargetTableException(config.table(), "cannot be read: " + Fault.describe(Fault.unwrap(e)),
                        Fault.unwrap(e));
            }
            if (r.count() > 0) {
                return Optional.of(true);
            }
            if (!r.hasLastEvaluatedKey() || r.lastEvaluatedKey().isEmpty()) {
                return Optional.of(false);
            }
            start = r.lastEvaluatedKey();
        }
        return Optional.empty(); // a thousand empty pages: too costly to go on
    }

    private KeySchema openedSchema() {
        return described.keySchema();
    }

    @Override
    public CompletableFuture<WriteOutcome> write(WriteOp op) {
        Objects.requireNonNull(op, "op");
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("write() was called on the sink's own thread, from an action chained "
                    + "to a write's future: chain with an executor (thenRunAsync) instead");
        }
        checkUsable();
        KeySchema schema = open();
        checkKey(op, schema);
        Pending p = prepare(op, schema, config.pitrBody());
        if (!budget.acquire(p.requestBytes)) {
            throw stoppedFor(p);
        }
        synchronized (ingestLock) {
            if (closed || dispatcher.failure() != null) {
                budget.release(p.requestBytes);
                throw stoppedFor(p);
            }
            p.seq = ++lastSeq;
            dispatcher.submit(p);
        }
        return p.future;
    }

    /**
     * Checks the operation's key against the schema, as {@link OperationKeys#keyOf} does but
     * without building the {@link dev.pitr.model.Key} of a put (only failures need it): when the
     * key attributes are there with their types, {@code keyOf} would pass; otherwise it throws
     * the mismatch.
     */
    private static void checkKey(WriteOp op, KeySchema schema) {
        if (!(op instanceof WriteOp.Put put) || !hasKeyAttributes(put.item().attributes(), schema)) {
            OperationKeys.keyOf(op, schema);
        }
    }

    private static boolean hasKeyAttributes(Map<String, AttributeValue> attributes, KeySchema schema) {
        return hasKeyAttribute(attributes, schema.partitionKey())
                && (schema.sortKey() == null || hasKeyAttribute(attributes, schema.sortKey()));
    }

    private static boolean hasKeyAttribute(Map<String, AttributeValue> attributes, KeySchema.KeyAttribute key) {
        AttributeValue v = attributes.get(key.name());
        return v != null && v.type().name().equals(key.type().name());
    }

    /**
     * Converts and sizes {@code op}: writes its JSON entry when pitr writes the request bodies
     * ({@code pitrBody}), else converts it to the SDK's types. The entry's length (or the
     * request-size bound summed while converting) also bounds a put's item size (each byte
     * DynamoDB counts is at least one byte of the request), so an item whose bound costs one WCU
     * costs one WCU and is far under the 400 KB limit: only larger items are walked a second time,
     * to size them exactly.
     */
    static Pending prepare(WriteOp op, KeySchema schema, boolean pitrBody) {
        WriteRequest request = null;
        byte[] entry = null;
        long attributesBound;
        long requestBytes;
        if (pitrBody) {
            entry = JsonBody.entry(op);
            attributesBound = entry.length;
            requestBytes = entry.length + 1L; // and a comma
        } else {
            SdkValues.Converted converted = SdkValues.convert(op);
            request = converted.request();
            attributesBound = converted.attributesBytes();
            requestBytes = converted.requestBytes();
        }
        int wcu = 1;
        if (op instanceof WriteOp.Put put && WriteCapacity.unitsForItemBytes(attributesBound) > 1) {
            long size = put.item().sizeInBytes();
            if (size > WriteCapacity.MAX_ITEM_BYTES) {
                return new Pending(op, schema, null, null, 0, 0, "item is " + size + " bytes, over DynamoDB's "
                        + "item size limit of 400 KB (" + WriteCapacity.MAX_ITEM_BYTES + " bytes); not sent");
            }
            wcu = WriteCapacity.unitsForItemBytes(size);
        }
        return new Pending(op, schema, request, entry, wcu, requestBytes, null);
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("The writer to table " + config.table() + " is closed");
        }
    }

    private RuntimeException stoppedFor(Pending p) {
        PitrException failure = dispatcher.failure();
        if (failure != null) {
            return new WriteFailedException(config.table(), p.key(), p.op.origin(),
                    "not queued: the sink stopped after an earlier failure", failure);
        }
        return new IllegalStateException("The writer to table " + config.table() + " is closed");
    }

    @Override
    public void flush() {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("flush() was called on the sink's own thread, from an action chained "
                    + "to a write's future");
        }
        long target;
        synchronized (ingestLock) {
            target = lastSeq;
        }
        dispatcher.requestFlush(target);
        boolean completed;
        try {
            completed = dispatcher.awaitCompleted(target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WriteInterruptedException("Interrupted while flushing writes to table " + config.table(), e);
        }
        PitrException failure = dispatcher.failure();
        if (failure instanceof WriteFailedException w) {
            throw new WriteFailedException(w.table(), w.key(), w.origin(), w.reason(), w);
        } else if (failure != null) {
            throw new PitrException(failure.getMessage(), failure);
        }
        if (!completed) {
            throw new IllegalStateException("The writer to table " + config.table() + " was closed before the "
                    + "flush completed");
        }
    }

    /** Operations the writer's loop holds (taken, not finished), as of its last round. */
    int retainedOperations() {
        return dispatcher.retainedOperations();
    }

    /** The request bytes of those operations. */
    long retainedBytes() {
        return dispatcher.retainedBytes();
    }

    @Override
    public SinkStats stats() {
        return metrics.snapshot();
    }

    @Override
    public void close() {
        synchronized (ingestLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        dispatcher.requestClose();
        budget.stop();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "DynamoDbItemSink[" + config.table() + "]";
    }
}
