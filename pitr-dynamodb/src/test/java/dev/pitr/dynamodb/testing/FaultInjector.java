package dev.pitr.dynamodb.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Injects the faults DynamoDB produces under load into BatchWriteItem calls, faithfully: what is
 * reported as not written really is not written.
 * <ul>
 * <li><b>Unprocessed items</b>: a share of a call's items is taken out of the request before it
 *     is sent, and put back into the answer's {@code UnprocessedItems}.</li>
 * <li><b>Throttling / HTTP 500</b>: a share of calls is sent to a table that does not exist (so
 *     nothing is written), and the answer is rewritten into a {@code 400
 *     ProvisionedThroughputExceededException} or a {@code 500 InternalServerError}, which the SDK
 *     parses into its own exception types.</li>
 * </ul>
 * Counters say exactly what was injected. Use it on a client whose SDK retries are off
 * ({@link DynamoDbLocal#asyncClientWithoutSdkRetries}) so that each call is one attempt.
 */
public final class FaultInjector implements ExecutionInterceptor {
    /** The table throttled and failed calls are diverted to. */
    public static final String NO_SUCH_TABLE = "pitr-fault-injector-no-such-table";

    private enum Fault { THROTTLE, SERVER_ERROR }

    private static final ExecutionAttribute<Fault> FAULT = new ExecutionAttribute<>("pitr.test.fault");
    private static final ExecutionAttribute<Map<String, List<WriteRequest>>> HELD_BACK =
            new ExecutionAttribute<>("pitr.test.heldBack");

    private final double unprocessedShare;
    private final double throttleShare;
    private final double serverErrorShare;
    private final Random random;
    private volatile boolean enabled = true;

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong throttles = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong unprocessedItems = new AtomicLong();
    private final AtomicLong itemsSent = new AtomicLong();

    /**
     * @param unprocessedShare share of each call's items handed back unprocessed (at least one
     *                         item of a call is always sent)
     * @param throttleShare    share of calls answered with throttling
     * @param serverErrorShare share of calls answered with HTTP 500
     * @param seed             seed of the random choices
     */
    public FaultInjector(double unprocessedShare, double throttleShare, double serverErrorShare, long seed) {
        if (unprocessedShare < 0 || unprocessedShare >= 1 || throttleShare < 0 || serverErrorShare < 0
                || throttleShare + serverErrorShare >= 1) {
            throw new IllegalArgumentException("shares must be in [0, 1) and leave room for successful calls");
        }
        this.unprocessedShare = unprocessedShare;
        this.throttleShare = throttleShare;
        this.serverErrorShare = serverErrorShare;
        this.random = new Random(seed);
    }

    /** Turns injection on or off (calls are still counted). */
    public void enabled(boolean on) {
        this.enabled = on;
    }

    /** BatchWriteItem calls seen. */
    public long calls() {
        return calls.get();
    }

    /** Calls answered with an injected throttling error. */
    public long throttles() {
        return throttles.get();
    }

    /** Calls answered with an injected HTTP 500. */
    public long serverErrors() {
        return serverErrors.get();
    }

    /** Items handed back as unprocessed by injection. */
    public long unprocessedItems() {
        return unprocessedItems.get();
    }

    /** Items that really reached the server. */
    public long itemsSent() {
        return itemsSent.get();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof BatchWriteItemRequest request)) {
            return context.request();
        }
        calls.incrementAndGet();
        if (!enabled) {
            countSent(request.requestItems());
            return request;
        }
        double dice;
        synchronized (random) {
            dice = random.nextDouble();
        }
        if (dice < throttleShare + serverErrorShare) {
            Fault fault = dice < throttleShare ? Fault.THROTTLE : Fault.SERVER_ERROR;
            (fault == Fault.THROTTLE ? throttles : serverErrors).incrementAndGet();
            attributes.putAttribute(FAULT, fault);
            List<WriteRequest> all = new ArrayList<>();
            request.requestItems().values().forEach(all::addAll);
            return request.toBuilder().requestItems(Map.of(NO_SUCH_TABLE, all)).build();
        }
        if (unprocessedShare == 0) {
            countSent(request.requestItems());
            return request;
        }
        Map<String, List<WriteRequest>> sent = new LinkedHashMap<>();
        Map<String, List<WriteRequest>> heldBack = new LinkedHashMap<>();
        for (Map.Entry<String, List<WriteRequest>> e : request.requestItems().entrySet()) {
            List<WriteRequest> keep = new ArrayList<>();
            List<WriteRequest> hold = new ArrayList<>();
            for (WriteRequest w : e.getValue()) {
                boolean holdIt;
                synchronized (random) {
                    holdIt = random.nextDouble() < unprocessedShare;
                }
                (holdIt ? hold : keep).add(w);
            }
            if (keep.isEmpty()) {
                keep.add(hold.remove(hold.size() - 1));
            }
            sent.put(e.getKey(), keep);
            if (!hold.isEmpty()) {
                heldBack.put(e.getKey(), hold);
                unprocessedItems.addAndGet(hold.size());
            }
        }
        countSent(sent);
        if (heldBack.isEmpty()) {
            return request;
        }
        attributes.putAttribute(HELD_BACK, heldBack);
        return request.toBuilder().requestItems(sent).build();
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        Fault fault = attributes.getAttribute(FAULT);
        if (fault == null) {
            return context.httpResponse();
        }
        byte[] body = body(fault);
        return context.httpResponse().toBuilder()
                .statusCode(fault == Fault.THROTTLE ? 400 : 500)
                .statusText(fault == Fault.THROTTLE ? "Bad Request" : "Internal Server Error")
                .putHeader("x-amzn-ErrorType", errorType(fault))
                .putHeader("Content-Length", String.valueOf(body.length))
                .removeHeader("x-amz-crc32")
                .build();
    }

    @Override
    public Optional<Publisher<ByteBuffer>> modifyAsyncHttpResponseContent(Context.ModifyHttpResponse context,
                                                                         ExecutionAttributes attributes) {
        Fault fault = attributes.getAttribute(FAULT);
        if (fault == null || context.responsePublisher().isEmpty()) {
            return context.responsePublisher();
        }
        return Optional.of(new ReplacingPublisher(context.responsePublisher().get(), body(fault)));
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        Fault fault = attributes.getAttribute(FAULT);
        if (fault == null) {
            return context.responseBody();
        }
        context.responseBody().ifPresent(FaultInjector::drain);
        return Optional.of(new ByteArrayInputStream(body(fault)));
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        Map<String, List<WriteRequest>> heldBack = attributes.getAttribute(HELD_BACK);
        if (heldBack == null || !(context.response() instanceof BatchWriteItemResponse response)) {
            return context.response();
        }
        Map<String, List<WriteRequest>> unprocessed = new LinkedHashMap<>();
        if (response.hasUnprocessedItems()) {
            response.unprocessedItems().forEach((table, list) -> unprocessed.put(table, new ArrayList<>(list)));
        }
        heldBack.forEach((table, list) -> unprocessed.computeIfAbsent(table, t -> new ArrayList<>()).addAll(list));
        return response.toBuilder().unprocessedItems(unprocessed).build();
    }

    private static void drain(InputStream in) {
        try (in) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void countSent(Map<String, List<WriteRequest>> items) {
        items.values().forEach(list -> itemsSent.addAndGet(list.size()));
    }

    private static String errorType(Fault fault) {
        return fault == Fault.THROTTLE ? "ProvisionedThroughputExceededException:" : "InternalServerError:";
    }

    private static byte[] body(Fault fault) {
        String type = fault == Fault.THROTTLE
                ? "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException"
                : "com.amazonaws.dynamodb.v20120810#InternalServerError";
        String message = fault == Fault.THROTTLE
                ? "The level of configured provisioned throughput for the table was exceeded (injected by the test)"
                : "Internal server error (injected by the test)";
        return ("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
