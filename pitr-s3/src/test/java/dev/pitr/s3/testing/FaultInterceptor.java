package dev.pitr.s3.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.reactivestreams.Publisher;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Replaces the real response of chosen requests with an S3 error (status, code, optional header),
 * as a real server would send it, for a limited number of times. Also counts the HTTP attempts of
 * the requests it watches, so tests can tell the SDK's own retries from the library's.
 */
public final class FaultInterceptor implements ExecutionInterceptor {
    private static final ExecutionAttribute<Boolean> FAULTED = new ExecutionAttribute<>("pitr.test.faulted");

    private final Predicate<SdkHttpRequest> watch;
    private final AtomicInteger faultsLeft = new AtomicInteger();
    private final AtomicInteger faultsMade = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile int status;
    private volatile String code;
    private volatile String headerName;
    private volatile String headerValue;

    /** Watches the requests {@code watch} accepts; injects nothing until {@link #fail} is called. */
    public FaultInterceptor(Predicate<SdkHttpRequest> watch) {
        this.watch = watch;
    }

    /** Requests that carry a {@code Range} header: the ranged GETs. */
    public static FaultInterceptor rangedGets() {
        return new FaultInterceptor(r -> r.firstMatchingHeader("Range").isPresent());
    }

    /** Every request. */
    public static FaultInterceptor all() {
        return new FaultInterceptor(r -> true);
    }

    /** The next {@code times} watched responses become {@code status} with error {@code code}. */
    public FaultInterceptor fail(int times, int status, String code) {
        return fail(times, status, code, null, null);
    }

    /** As {@link #fail(int, int, String)}, with one extra response header. */
    public FaultInterceptor fail(int times, int status, String code, String header, String value) {
        this.status = status;
        this.code = code;
        this.headerName = header;
        this.headerValue = value;
        faultsLeft.set(times);
        return this;
    }

    /** Responses replaced so far. */
    public int faultsMade() {
        return faultsMade.get();
    }

    /** HTTP attempts of watched requests so far, SDK retries included. */
    public int attempts() {
        return attempts.get();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (watch.test(context.httpRequest())) {
            attempts.incrementAndGet();
        }
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        attributes.putAttribute(FAULTED, false);
        if (!watch.test(context.httpRequest()) || faultsLeft.getAndUpdate(n -> Math.max(0, n - 1)) <= 0) {
            return context.httpResponse();
        }
        faultsMade.incrementAndGet();
        attributes.putAttribute(FAULTED, true);
        SdkHttpResponse.Builder b = context.httpResponse().toBuilder()
                .statusCode(status)
                .statusText("Injected")
                .removeHeader("Content-Range")
                .removeHeader("Content-Length")
                .removeHeader("ETag")
                .putHeader("Content-Type", "application/xml");
        if (headerName != null) {
            b.putHeader(headerName, headerValue);
        }
        return b.build();
    }

    @Override
    public Optional<Publisher<ByteBuffer>> modifyAsyncHttpResponseContent(Context.ModifyHttpResponse context,
                                                                          ExecutionAttributes attributes) {
        if (!Boolean.TRUE.equals(attributes.getAttribute(FAULTED))) {
            return context.responsePublisher();
        }
        if ("HEAD".equals(context.httpRequest().method().name())) {
            return Optional.of(AsyncRequestBody.empty());
        }
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>Injected "
                + code + "</Message><RequestId>test</RequestId></Error>";
        return Optional.of(AsyncRequestBody.fromBytes(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
