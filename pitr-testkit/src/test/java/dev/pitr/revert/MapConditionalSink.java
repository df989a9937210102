package dev.pitr.revert;

import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.state.internal.StateKeys;
import dev.pitr.verify.SameValue;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A table in a map that writes on conditions as DynamoDB does, each write atomic (values as
 * DynamoDB compares them, keys by value), and can run an action just before a chosen write: a
 * test double of the reverter's own SPI, not of an AWS client.
 */
final class MapConditionalSink implements ConditionalSink {
    private final Map<Key, Item> table;
    private final KeySchema schema;
    final AtomicLong writes = new AtomicLong();
    private volatile long failAt = Long.MAX_VALUE;
    private volatile Consumer<Key> beforeWrite = k -> { };

    MapConditionalSink(Map<Key, Item> table, KeySchema schema) {
        this.table = table;
        this.schema = schema;
    }

    /** Fails the {@code n}th write (1-based) and every one after it. */
    MapConditionalSink failAt(long n) {
        this.failAt = n;
        return this;
    }

    /** Runs {@code action} before each write, outside the write's atomic step. */
    MapConditionalSink beforeWrite(Consumer<Key> action) {
        this.beforeWrite = action;
        return this;
    }

    @Override
    public KeySchema open() {
        return schema;
    }

    @Override
    public String target() {
        return "map:table/orders";
    }

    @Override
    public CompletableFuture<Outcome> write(Write w) {
        if (writes.incrementAndGet() >= failAt) {
            return CompletableFuture.failedFuture(new dev.pitr.PitrException("injected failure at " + w.origin()));
        }
        beforeWrite.accept(w.key());
        synchronized (table) {
            Key stored = find(w.key());
            Item current = stored == null ? null : table.get(stored);
            boolean met = w.condition() instanceof Condition.None
                    || (w.condition() instanceof Condition.Absent && current == null)
                    || (w.condition() instanceof Condition.Equals e && current != null && SameValue.items(current, e.item()));
            if (!met) {
                return CompletableFuture.completedFuture(new Outcome.ConditionFailed(current));
            }
            if (stored != null) {
                table.remove(stored);
            }
            if (w.target() != null) {
                table.put(w.key(), w.target());
            }
            return CompletableFuture.completedFuture(new Outcome.Written());
        }
    }

    private Key find(Key key) {
        byte[] wanted = StateKeys.of(key, schema);
        for (Key k : table.keySet()) {
            if (java.util.Arrays.equals(StateKeys.of(k, schema), wanted)) {
                return k;
            }
        }
        return null;
    }

    @Override
    public void flush() {
    }

    @Override
    public double capacityUnits() {
        return writes.get();
    }

    @Override
    public void close() {
    }
}
