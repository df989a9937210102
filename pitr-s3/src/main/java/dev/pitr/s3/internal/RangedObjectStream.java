package dev.pitr.s3.internal;

import dev.pitr.PitrException;
import dev.pitr.s3.S3Uri;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * An S3 object as an input stream fed by parallel ranged GETs.
 *
 * <p>The object is cut into parts of {@code partSize} bytes. Up to {@code readAhead} parts are in
 * flight or waiting to be read at any time, each in its own buffer, so a stream never holds more
 * than {@code partSize * readAhead} bytes; a part's buffer is reused once it has been read. Every
 * GET carries {@code If-Match} with the ETag seen by the HEAD that opened the object, and the
 * response's ETag and {@code Content-Range} are checked, so a replaced object fails the read
 * instead of mixing two versions.
 *
 * <p>A part whose GET fails on a transient fault (I/O error, reset, timeout, 5xx, throttling, a
 * short body) is requested again from its first missing byte, not from its start: the bytes
 * already received are kept. A resume after progress is sent at once; failures that bring nothing
 * new back off exponentially up to a cap. After {@code maxRetries} resumes of one part the read
 * fails. The SDK's own retries are switched off for these GETs so that this policy is the only one.
 *
 * <p>Errors surface from {@code read} as {@link PitrException}s naming the {@code s3://} URI. Not
 * safe for use by several readers at once (no input stream is); the fetching runs on the SDK's
 * threads or the configured executor.
 */
public final class RangedObjectStream extends InputStream {
    private static final Logger LOG = LoggerFactory.getLogger(RangedObjectStream.class);

    /** Request-level plugin that turns the SDK's retries off: resumes are ours, from the byte reached. */
    private static final SdkPlugin NO_SDK_RETRIES = config -> config.overrideConfiguration(
            config.overrideConfiguration().toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build());

    private final S3AsyncClient client;
    private final S3Uri uri;
    private final long size;
    private final String etag;
    private final ReadSettings settings;
    private final ReadCounters counters;
    private final String clientRegion;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Part> window = new ArrayDeque<>();     // guarded by lock; head is being read
    private final ArrayDeque<byte[]> spare = new ArrayDeque<>();    // guarded by lock; full-size buffers
    private long nextStart;                                         // guarded by lock
    private RuntimeException failure;                               // guarded by lock
    private boolean closed;                                         // guarded by lock

    private int readPos;    // reader only: position in the head part

    /**
     * Opens the stream and starts fetching the first parts.
     *
     * @param size         the object's size, from HEAD
     * @param etag         the object's ETag, from HEAD (quoted, as S3 sends it); may be {@code null}
     * @param clientRegion the client's region, for error messages; may be {@code null}
     */
    public RangedObjectStream(S3AsyncClient client, S3Uri uri, long size, String etag, ReadSettings settings,
                              ReadCounters counters, String clientRegion) {
        if (size < 0) {
            throw new IllegalArgumentException("size is negative: " + size);
        }
        this.client = Objects.requireNonNull(client, "client");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.size = size;
        this.etag = etag;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.clientRegion = clientRegion;
        fillWindow();
    }

    /** The object read. */
    public S3Uri uri() {
        return uri;
    }

    /** The object's size in bytes. */
    public long size() {
        return size;
    }

    // ---------------------------------------------------------------- reader side

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        Part head;
        byte[] buf;
        int available;
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new IOException("Stream closed: " + uri);
                }
                if (failure != null) {
                    throw failure;
                }
                head = window.peekFirst();
                if (head == null) {
                    return -1;
                }
                available = head.filled - readPos;
                if (available > 0) {
                    buf = head.buf;   // the part may be dropped by a failure once unlocked
                    break;
                }
                changed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while reading " + uri);
        } finally {
            lock.unlock();
        }
        // [0, filled) of the head part is final and only this thread releases the part: copy unlocked.
        int n = Math.min(len, available);
        System.arraycopy(buf, readPos, b, off, n);
        readPos += n;
        if (readPos == head.length) {
            release(head);
            readPos = 0;
            fillWindow();
        }
        return n;
    }

    @Override
    public int available() {
        lock.lock();
        try {
            Part head = window.peekFirst();
            return head == null || closed ? 0 : head.filled - readPos;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        List<Part> dropped;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            dropped = dropAll();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        cancel(dropped);
    }

    private void release(Part head) {
        lock.lock();
        try {
            if (head.released) {
                return;   // dropped by a failure or close meanwhile
            }
            window.pollFirst();
            head.released = true;
            if (head.buf.length == settings.partSize()) {
                spare.push(head.buf);
            }
            head.buf = null;
        } finally {
            lock.unlock();
        }
    }

    /** Adds parts up to the read-ahead and sends their first GETs. */
    private void fillWindow() {
        List<Part> started = new ArrayList<>();
        lock.lock();
        try {
            while (!closed && failure == null && window.size() < settings.readAhead() && nextStart < size) {
                int length = (int) Math.min(settings.partSize(), size - nextStart);
                byte[] buf = length == settings.partSize() && !spare.isEmpty() ? spare.pop() : new byte[length];
                Part p = new Part(nextStart, length, buf);
                window.addLast(p);
                nextStart += length;
                started.add(p);
            }
            counters.partsBuffered(window.size());
        } finally {
            lock.unlock();
        }
        for (Part p : started) {
            fetch(p);
        }
    }

    // ---------------------------------------------------------------- fetching side

    /** Sends a GET for the bytes of {@code p} not yet received. */
    private void fetch(Part p) {
        long from;
        lock.lock();
        try {
            if (closed || failure != null || p.released) {
                return;
            }
            from = p.start + p.filled;
            p.filledAtAttempt = p.filled;
        } finally {
            lock.unlock();
        }
        GetObjectRequest.Builder request = GetObjectRequest.builder()
                .bucket(uri.bucket())
                .key(uri.key())
                .range("bytes=" + from + "-" + p.end())
                .overrideConfiguration(o -> o.addPlugin(NO_SDK_RETRIES));
        if (etag != null) {
            request.ifMatch(etag);
        }
        RangeReceiver receiver = new RangeReceiver(this, p, from);
        counters.rangeRequests.increment();
        CompletableFuture<Void> future;
        try {
            future = client.getObject(request.build(), receiver);
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        boolean cancel = false;
        lock.lock();
        try {
            p.inFlight = future;
            cancel = closed || p.released;
        } finally {
            lock.unlock();
        }
        if (cancel) {
            future.cancel(true);
            return;
        }
        future.whenComplete((ignored, error) -> settings.dispatch(() -> onFetchDone(p, error)));
    }

    /** Checks a ranged GET's response before its body is taken; returns the problem, or null. */
    RuntimeException checkResponse(GetObjectResponse response, long from, long to) {
        if (etag != null && response.eTag() != null && !etag.equals(response.eTag())) {
            return new ObjectChangedException(etag, response.eTag());
        }
        String range = response.contentRange();
        if (range == null) {
            if (from == 0 && to == size - 1) {
                return null;  // some stores answer 200 with the whole object to a whole-object range
            }
            return new PitrException("Cannot read " + uri + ": the server ignored the Range header (asked for bytes "
                    + from + "-" + to + ", got no Content-Range); it must support ranged GETs");
        }
        String expected = "bytes " + from + "-" + to + "/";
        if (!range.startsWith(expected)) {
            return new PitrException("Cannot read " + uri + ": asked for bytes " + from + "-" + to
                    + ", the server sent \"" + range + "\"");
        }
        return null;
    }

    /** Registers the body subscription of a part's GET; false when the part is no longer wanted. */
    boolean attach(Part p, Subscription s) {
        lock.lock();
        try {
            if (closed || failure != null || p.released) {
                return false;
            }
            p.subscription = s;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends a body chunk of {@code receiver}'s attempt to its part: bytes the part already holds
     * (an attempt the SDK started over) are skipped and counted as re-read.
     *
     * @return null, or why the chunk is refused (the GET is then cancelled)
     */
    Throwable accept(Part p, RangeReceiver receiver, ByteBuffer chunk) {
        int n = chunk.remaining();
        counters.bytesFetched.add(n);
        lock.lock();
        try {
            if (closed || failure != null || p.released) {
                return new java.util.concurrent.CancellationException("no longer wanted");
            }
            long pos = receiver.next;
            long held = p.start + p.filled;
            if (pos + n > p.start + p.length) {
                return new PitrException("Cannot read " + uri + ": the server sent more than the "
                        + p.length + " bytes asked for at offset " + p.start);
            }
            if (pos < held) {
                int dup = (int) Math.min(n, held - pos);
                counters.bytesReRead.add(dup);
                chunk.position(chunk.position() + dup);
                pos += dup;
            } else if (pos > held) {
                return new IllegalStateException("gap in " + uri + " at " + held + ": got bytes from " + pos);
            }
            int m = chunk.remaining();
            if (m > 0) {
                chunk.get(p.buf, (int) (pos - p.start), m);
                p.filled += m;
                changed.signalAll();
            }
            receiver.next = pos + m;
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** A part's GET ended: done, resumed after a transient fault, or the stream fails. */
    private void onFetchDone(Part p, Throwable error) {
        long delay;
        long from;
        Throwable cause;
        lock.lock();
        try {
            p.inFlight = null;
            p.subscription = null;
            if (closed || failure != null || p.released) {
                return;
            }
            if (error == null && p.complete()) {
                changed.signalAll();
                return;
            }
            cause = error == null
                    ? new TruncatedRangeException("body ended after " + p.filled + " of " + p.length + " bytes")
                    : S3Errors.unwrap(error);
            if (S3Errors.isObjectChanged(cause)) {
                fail(S3Errors.changed(uri, cause));
                return;
            }
            if (!S3Errors.isTransient(cause)) {
                fail(S3Errors.translate(cause, uri, clientRegion));
                return;
            }
            if (p.retries >= settings.maxRetries()) {
                fail(new PitrException("Cannot read " + uri + ": bytes " + p.start + "-" + p.end() + " failed "
                        + (p.retries + 1) + " times, last: " + S3Errors.message(cause), cause));
                return;
            }
            p.retries++;
            boolean progressed = p.filled > p.filledAtAttempt;
            p.failuresWithoutProgress = progressed ? 0 : p.failuresWithoutProgress + 1;
            delay = TimeUnit.NANOSECONDS.toMillis(settings.backoff().delayNanos(p.failuresWithoutProgress));
            from = p.start + p.filled;
            counters.resumes.increment();
        } finally {
            lock.unlock();
        }
        if (counters.firstResume()) {
            LOG.warn("Resuming {} at byte {} in {} ms after: {} (later resumes are logged at DEBUG)",
                    uri, from, delay, S3Errors.message(cause));
        } else {
            LOG.debug("Resuming {} at byte {} in {} ms after: {}", uri, from, delay, S3Errors.message(cause));
        }
        RetryTimer.schedule(settings, delay, () -> fetch(p));
    }

    /** Fails the stream: the reader gets {@code e} on its next read. Called with the lock held. */
    private void fail(RuntimeException e) {
        failure = e;
        List<Part> dropped = dropAll();
        changed.signalAll();
        // Cancelling may run SDK callbacks inline; they find the stream failed and return.
        cancel(dropped);
    }

    /** Empties the window. Called with the lock held. */
    private List<Part> dropAll() {
        List<Part> dropped = new ArrayList<>(window);
        for (Part p : dropped) {
            p.released = true;
            p.buf = null;
        }
        window.clear();
        spare.clear();
        return dropped;
    }

    private static void cancel(List<Part> parts) {
        for (Part p : parts) {
            Subscription s = p.subscription;
            if (s != null) {
                s.cancel();
            }
            CompletableFuture<?> f = p.inFlight;
            if (f != null) {
                f.cancel(true);
            }
        }
    }

    @Override
    public String toString() {
        return "RangedObjectStream[" + uri + ", " + size + " bytes]";
    }
}
