package dev.pitr.s3.internal;

import dev.pitr.s3.S3ReadStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters behind {@link S3ReadStats}, shared by the streams of one source. When a registry is
 * given they are also published, once, as {@code pitr.s3.*} meters.
 */
public final class ReadCounters {
    final LongAdder objectsOpened = new LongAdder();
    final LongAdder rangeRequests = new LongAdder();
    final LongAdder resumes = new LongAdder();
    final LongAdder bytesFetched = new LongAdder();
    final LongAdder bytesReRead = new LongAdder();
    private final AtomicInteger maxPartsBuffered = new AtomicInteger();
    private final AtomicBoolean resumeLogged = new AtomicBoolean();

    /** Counters that are not published. */
    public ReadCounters() {
    }

    /** Counters published to {@code registry} with {@code tags}. */
    public ReadCounters(MeterRegistry registry, Tags tags) {
        FunctionCounter.builder("pitr.s3.objects.opened", objectsOpened, LongAdder::sum)
                .description("S3 objects opened for reading").tags(tags).register(registry);
        FunctionCounter.builder("pitr.s3.range.requests", rangeRequests, LongAdder::sum)
                .description("Ranged GETs sent, resumes included").tags(tags).register(registry);
        FunctionCounter.builder("pitr.s3.range.resumes", resumes, LongAdder::sum)
                .description("Ranged GETs sent again after a failure").tags(tags).register(registry);
        FunctionCounter.builder("pitr.s3.bytes.fetched", bytesFetched, LongAdder::sum)
                .description("Object bytes received").baseUnit("bytes").tags(tags).register(registry);
        FunctionCounter.builder("pitr.s3.bytes.reread", bytesReRead, LongAdder::sum)
                .description("Object bytes received more than once").baseUnit("bytes").tags(tags).register(registry);
        Gauge.builder("pitr.s3.parts.buffered.max", maxPartsBuffered, AtomicInteger::get)
                .description("Most part buffers one stream held at once").tags(tags).register(registry);
    }

    /** Records that a stream now holds {@code parts} part buffers. */
    void partsBuffered(int parts) {
        maxPartsBuffered.accumulateAndGet(parts, Math::max);
    }

    /** True the first time only: the first resume is logged at WARN, later ones at DEBUG. */
    boolean firstResume() {
        return resumeLogged.compareAndSet(false, true);
    }

    /** The counts so far. */
    public S3ReadStats snapshot() {
        return new S3ReadStats(objectsOpened.sum(), rangeRequests.sum(), resumes.sum(), bytesFetched.sum(),
                bytesReRead.sum(), maxPartsBuffered.get());
    }

    /** Counts an object opened. */
    public void objectOpened() {
        objectsOpened.increment();
    }
}
