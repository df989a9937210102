package dev.pitr.dynamodb.testing;

import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;

/**
 * Holds the answers to BatchWriteItem calls (or calls of another type) until {@link #open()}:
 * the request reaches the server, but the client sees no answer, as with a slow or stuck
 * service. Holding blocks an SDK thread, which is fine in a test. Answers are let through anyway
 * after a minute, so a test that forgets to open the gate cannot hang forever.
 */
public final class ResponseGate implements ExecutionInterceptor {
    private final CountDownLatch open = new CountDownLatch(1);
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private final Set<Class<?>> calls;

    /** Holds the answers to BatchWriteItem calls. */
    public ResponseGate() {
        this(BatchWriteItemRequest.class);
    }

    /** Holds the answers to the calls of these request types ({@code PutItemRequest.class}, ...). */
    public ResponseGate(Class<?>... calls) {
        this.calls = Set.of(calls);
    }

    /** Lets every held and future answer through. */
    public void open() {
        open.countDown();
    }

    /**
     * Calls of the gated types sent so far. Unlike {@link #held()}, it does not depend on how the
     * SDK spreads answers over its threads: a held answer can keep the next one from being read.
     */
    public int sent() {
        return sent.get();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (calls.contains(context.request().getClass())) {
            sent.incrementAndGet();
        }
    }

    /** Answers waiting at the gate now. */
    public int held() {
        return held.get();
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (calls.contains(context.request().getClass())) {
            held.incrementAndGet();
            try {
                open.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                held.decrementAndGet();
            }
        }
        return context.httpResponse();
    }
}
