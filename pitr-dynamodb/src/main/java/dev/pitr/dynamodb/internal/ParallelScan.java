package dev.pitr.dynamodb.internal;

import dev.pitr.PitrException;
import dev.pitr.model.Item;
import dev.pitr.verify.TableReader.ItemVisitor;
import dev.pitr.verify.TableReader.ReadStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * One parallel segmented Scan of the whole table. Its threads (at most {@link #MAX_THREADS},
 * named {@code pitr-scan-<table>-<n>}) each take the next segment not yet read and read it page
 * after page, one request in flight and one page held at a time, handing the page's items to the
 * visitor before asking for the next. A page that fails is asked again with the same
 * {@code ExclusiveStartKey} ({@link ReadRequests}), so no item is lost or read twice.
 *
 * <p>The first failure (the visitor's exception, or a read that cannot be done) stops every
 * segment: the threads are interrupted, their requests cancelled, and the caller gets that
 * failure once they have all ended, so the visitor is never called after {@link #run()} returns.
 */
final class ParallelScan {
    /** The most segments read at once (and requests in flight): the HTTP client must allow as many. */
    static final int MAX_THREADS = dev.pitr.dynamodb.DynamoDbTableReader.MAX_PARALLEL_SEGMENTS;

    private static final Logger LOG = LoggerFactory.getLogger(ParallelScan.class);
    private static final AtomicInteger SCANS = new AtomicInteger();
    private static final long STOP_WAIT_SECONDS = 30;

    private final ReaderConfig config;
    private final ReadRequests requests;
    private final ReadCounters counters;
    private final ItemVisitor visitor;
    private final AtomicInteger nextSegment = new AtomicInteger();
    private volatile boolean stopped;

    ParallelScan(ReaderConfig config, ReadRequests requests, ReadCounters counters, ItemVisitor visitor) {
        this.config = config;
        this.requests = requests;
        this.counters = counters;
        this.visitor = visitor;
    }

    /** Reads every segment; returns what this scan read, or throws its first failure. */
    ReadStats run() {
        int threads = Math.min(config.segments(), MAX_THREADS);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(threads), namedThreads());
        CompletionService<Void> done = new ExecutorCompletionService<>(pool, new ArrayBlockingQueue<>(threads));
        try {
            for (int i = 0; i < threads; i++) {
                done.submit(this::readSegments);
            }
            for (int i = 0; i < threads; i++) {
                done.take().get();
            }
        } catch (InterruptedException e) {
            stop(pool);
            Thread.currentThread().interrupt();
            throw new PitrException("Interrupted while scanning table " + config.table(), e);
        } catch (ExecutionException e) {
            stop(pool);
            throw rethrowable(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return counters.snapshot();
    }

    /** One thread's work: segment after segment until none is left or the scan stops. */
    private Void readSegments() throws InterruptedException {
        try {
            int segment;
            while (!stopped && (segment = nextSegment.getAndIncrement()) < config.segments()) {
                readSegment(segment);
            }
        } catch (InterruptedException e) {
            if (!stopped) {
                throw e;
            }
        } catch (RuntimeException | Error e) {
            stopped = true;
            throw e;
        }
        return null;
    }

    private void readSegment(int segment) throws InterruptedException {
        String what = "Scan segment " + segment + " of " + config.segments();
        Map<String, AttributeValue> start = null;
        int estimate = 1;
        do {
            ScanRequest request = request(segment, start);
            ReadRequests.Answer<ScanResponse> answer = requests.send(what, estimate,
                    () -> config.client().scan(request), counters);
            ScanResponse page = answer.response();
            List<Item> items = new ArrayList<>(page.items().size());
            long bytes = 0;
            for (Map<String, AttributeValue> raw : page.items()) {
                Item item = new Item(SdkValues.toModel(raw));
                items.add(item);
                bytes += item.sizeInBytes();
            }
            double units = CapacityUnits.reported(page.consumedCapacity());
            if (Double.isNaN(units)) {
                units = CapacityUnits.estimate(bytes, config.consistentRead());
            }
            requests.answered(answer, estimate, units, 0, counters);
            estimate = CapacityUnits.permits(units);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            for (Item item : items) {
                if (stopped) {
                    return;
                }
                visitor.item(item);
                counters.items(1);
            }
        } while (start != null && !stopped);
    }

    private ScanRequest request(int segment, Map<String, AttributeValue> start) {
        return ScanRequest.builder()
                .tableName(config.table())
                .segment(segment)
                .totalSegments(config.segments())
                .consistentRead(config.consistentRead())
                .limit(config.pageLimit())
                .exclusiveStartKey(start)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .overrideConfiguration(OwnRetries.OVERRIDE)
                .build();
    }

    /** Stops every segment and waits (bounded) until no thread can call the visitor any more. */
    private void stop(ThreadPoolExecutor pool) {
        stopped = true;
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Scan threads of table {} still run {} s after the scan stopped (a visitor that does not "
                        + "return?)", config.table(), STOP_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private RuntimeException rethrowable(Throwable failure) {
        if (failure instanceof RuntimeException r) {
            return r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return new PitrException("Scanning table " + config.table() + " failed: " + failure, failure);
    }

    private ThreadFactory namedThreads() {
        String prefix = "pitr-scan-" + config.table() + "-" + SCANS.incrementAndGet() + "-";
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
