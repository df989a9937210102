package dev.pitr.verify;

import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.state.internal.StateKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A table held in a map, read the way a real reader reads one: a scan from three threads at once,
 * and reads by key value (a key asked with another number text finds its item). A test double of
 * the verifier's own SPI, not of an AWS client.
 */
public final class MapTable implements TableReader {
    private final Map<Key, Item> table;
    private final KeySchema schema;
    private final AtomicLong items = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();

    public MapTable(Map<Key, Item> table, KeySchema schema) {
        this.table = table;
        this.schema = schema;
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
    public ReadStats scan(ItemVisitor visitor) {
        List<Item> all = new ArrayList<>(table.values());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                int segment = s;
                parts.add(pool.submit(() -> {
                    for (int i = segment; i < all.size(); i += 3) {
                        visitor.item(all.get(i));
                        items.incrementAndGet();
                    }
                    requests.incrementAndGet();
                }));
            }
            for (Future<?> f : parts) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        return stats();
    }

    @Override
    public Map<Key, Item> get(List<Key> keys) {
        if (keys.size() > 100) {
            throw new IllegalArgumentException("at most 100 keys");
        }
        Map<String, Item> byValue = new HashMap<>();
        for (Item item : table.values()) {
            byValue.put(canonical(schema.keyOf(item)), item);
        }
        Map<Key, Item> out = new HashMap<>();
        for (Key k : keys) {
            Item item = byValue.get(canonical(k));
            if (item != null) {
                out.put(k, item);
                items.incrementAndGet();
            }
        }
        requests.incrementAndGet();
        return out;
    }

    private String canonical(Key key) {
        return java.util.HexFormat.of().formatHex(StateKeys.of(key, schema));
    }

    @Override
    public ReadStats stats() {
        return new ReadStats(items.get(), requests.get(), items.get() * 0.5, 0);
    }
}
