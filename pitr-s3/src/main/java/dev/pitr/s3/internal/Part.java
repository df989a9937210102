package dev.pitr.s3.internal;

import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Subscription;

/**
 * One byte range of an object and the buffer it is received into. Bytes are only ever appended:
 * {@code [0, filled)} is final once written, so the reader may copy it without the lock while
 * later bytes arrive. Every field is guarded by the owning stream's lock.
 */
final class Part {
    final long start;
    final int length;
    byte[] buf;
    int filled;
    /** {@link #filled} when the current attempt was sent: progress is measured against it. */
    int filledAtAttempt;
    int retries;
    int failuresWithoutProgress;
    /** Consumed or dropped: late bytes for it are refused. */
    boolean released;
    CompletableFuture<?> inFlight;
    Subscription subscription;

    Part(long start, int length, byte[] buf) {
        this.start = start;
        this.length = length;
        this.buf = buf;
    }

    /** Last byte of the part, inclusive. */
    long end() {
        return start + length - 1;
    }

    boolean complete() {
        return filled == length;
    }
}
