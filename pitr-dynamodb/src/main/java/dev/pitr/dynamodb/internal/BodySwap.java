package dev.pitr.dynamodb.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.SdkServiceClientConfiguration;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;

/**
 * Sends a request body pitr wrote ({@link JsonBody}) in place of the one the SDK marshalled,
 * through the SDK's public extension points and nothing else of the client changed: a request
 * carries its body as an execution attribute and a per-request plugin that puts this
 * interceptor first in the request's interceptor chain. The SDK marshals the (nearly empty)
 * request as always, then the interceptor swaps the body in {@code modifyHttpRequest} /
 * {@code modifyHttpContent} / {@code modifyAsyncHttpContent}. The SDK runs those hooks before its
 * request pipeline, so the swapped body is what is signed, retried by the client's retry policy
 * and sent; endpoint resolution, auth, the HTTP client and the reading of the answer are the
 * SDK's own.
 *
 * <p>Being first, it lets the client's own interceptors see the body that is sent from
 * {@code modifyHttpRequest} on; their {@code modifyRequest} sees the nearly empty SDK request.
 */
final class BodySwap implements ExecutionInterceptor {
    private static final ExecutionAttribute<byte[]> BODY = new ExecutionAttribute<>("pitr.BatchWriteItemBody");
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final BodySwap INTERCEPTOR = new BodySwap();

    /**
     * Puts the interceptor first in the chain of the request it is added to. The SDK rebuilds the
     * request's client configuration for a per-request plugin; the override given back holds the
     * interceptor list alone, so only that option is written over (a full copy of the current
     * override, written back, cost about four times as much on the sending thread).
     */
    private static final SdkPlugin PLUGIN = new SdkPlugin() {
        @Override
        public void configureClient(SdkServiceClientConfiguration.Builder config) {
            List<ExecutionInterceptor> current = config.overrideConfiguration().executionInterceptors();
            List<ExecutionInterceptor> interceptors = new ArrayList<>(current.size() + 1);
            interceptors.add(INTERCEPTOR);
            interceptors.addAll(current);
            config.overrideConfiguration(ClientOverrideConfiguration.builder().executionInterceptors(interceptors)
                    .build());
        }
    };

    private BodySwap() {
    }

    /**
     * A BatchWriteItem request that sends {@code body} to {@code table}. The SDK sees the table
     * (for endpoint rules that read it) with no items, so its marshalling costs next to nothing.
     */
    static BatchWriteItemRequest request(BatchWriteItemRequest.Builder base, byte[] body) {
        return base.overrideConfiguration(o -> o.addPlugin(PLUGIN).putExecutionAttribute(BODY, body)).build();
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        byte[] body = attributes.getAttribute(BODY);
        if (body == null) {
            return context.httpRequest();
        }
        return context.httpRequest().toBuilder().putHeader("Content-Length", Integer.toString(body.length)).build();
    }

    @Override
    public Optional<RequestBody> modifyHttpContent(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        byte[] body = attributes.getAttribute(BODY);
        if (body == null) {
            return context.requestBody();
        }
        return Optional.of(RequestBody.fromContentProvider(ContentStreamProvider.fromByteArrayUnsafe(body),
                body.length, CONTENT_TYPE));
    }

    @Override
    public Optional<AsyncRequestBody> modifyAsyncHttpContent(Context.ModifyHttpRequest context,
                                                             ExecutionAttributes attributes) {
        byte[] body = attributes.getAttribute(BODY);
        if (body == null) {
            return context.asyncRequestBody();
        }
        return Optional.of(AsyncRequestBody.fromBytesUnsafe(body));
    }
}
