package dev.pitr.dynamodb.testing;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A response body that stands in for another: it reads the original to its end (so that the
 * HTTP connection is released to its pool), drops it, then emits {@code body} as one buffer.
 */
final class ReplacingPublisher implements Publisher<ByteBuffer> {
    private final Publisher<ByteBuffer> original;
    private final byte[] body;

    ReplacingPublisher(Publisher<ByteBuffer> original, byte[] body) {
        this.original = original;
        this.body = body;
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> downstream) {
        original.subscribe(new Subscriber<ByteBuffer>() {
            private final AtomicBoolean started = new AtomicBoolean();

            @Override
            public void onSubscribe(Subscription upstream) {
                downstream.onSubscribe(new Subscription() {
                    @Override
                    public void request(long n) {
                        // Emit nothing until the downstream asked; then drain the original whole.
                        if (n > 0 && started.compareAndSet(false, true)) {
                            upstream.request(Long.MAX_VALUE);
                        }
                    }

                    @Override
                    public void cancel() {
                        upstream.cancel();
                    }
                });
            }

            @Override
            public void onNext(ByteBuffer dropped) {
                // the original body is read and discarded
            }

            @Override
            public void onError(Throwable t) {
                downstream.onError(t);
            }

            @Override
            public void onComplete() {
                downstream.onNext(ByteBuffer.wrap(body));
                downstream.onComplete();
            }
        });
    }
}
