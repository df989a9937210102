package dev.pitr.s3.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Receives one ranged GET into its {@link Part}. Checks the response's ETag and Content-Range,
 * then hands each body chunk to the stream, which appends it. If the SDK starts the request over
 * ({@link #prepare()} again), the body restarts at the range start and the stream skips (and
 * counts) the bytes it already holds.
 */
final class RangeReceiver implements AsyncResponseTransformer<GetObjectResponse, Void> {
    private final RangedObjectStream stream;
    private final Part part;
    private final long from;
    private volatile CompletableFuture<Void> result;
    /** Absolute offset of the next body byte of the current attempt; written by the SDK's thread. */
    volatile long next;

    RangeReceiver(RangedObjectStream stream, Part part, long from) {
        this.stream = stream;
        this.part = part;
        this.from = from;
    }

    @Override
    public CompletableFuture<Void> prepare() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        result = f;
        next = from;
        return f;
    }

    @Override
    public void onResponse(GetObjectResponse response) {
        RuntimeException problem = stream.checkResponse(response, from, part.end());
        if (problem != null) {
            result.completeExceptionally(problem);
        }
    }

    @Override
    public void onStream(SdkPublisher<ByteBuffer> publisher) {
        CompletableFuture<Void> f = result;
        publisher.subscribe(new Subscriber<ByteBuffer>() {
            private Subscription subscription;

            @Override
            public void onSubscribe(Subscription s) {
                subscription = s;
                if (f.isDone() || !stream.attach(part, s)) {
                    s.cancel();
                    f.complete(null);
                    return;
                }
                // The part buffer bounds what arrives: no further flow control needed.
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer chunk) {
                if (f.isDone()) {
                    return;
                }
                Throwable refused = stream.accept(part, RangeReceiver.this, chunk);
                if (refused != null) {
                    subscription.cancel();
                    f.completeExceptionally(refused);
                }
            }

            @Override
            public void onError(Throwable t) {
                f.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                f.complete(null);
            }
        });
    }

    @Override
    public void exceptionOccurred(Throwable error) {
        CompletableFuture<Void> f = result;
        if (f != null) {
            f.completeExceptionally(error);
        }
    }
}
