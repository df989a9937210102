package dev.pitr.dynamodb.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.reactivestreams.Publisher;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An interceptor that rewrites the HTTP answer of the calls a subclass marks
 * ({@link #answerWith}) into a DynamoDB error, which the SDK then parses (and its retry policy
 * judges) as if the service had sent it. The subclass makes sure such a call changes nothing on
 * the server, typically by sending it to {@link #NO_SUCH_TABLE}.
 */
public abstract class ErrorAnswers implements ExecutionInterceptor {
    /** The table calls answered with an injected error are diverted to. */
    public static final String NO_SUCH_TABLE = "pitr-fault-injector-no-such-table";

    /** The errors this can answer with. */
    public enum Error {
        /** {@code 400 ProvisionedThroughputExceededException}. */
        THROTTLE(400, "Bad Request", "ProvisionedThroughputExceededException",
                "The level of configured provisioned throughput for the table was exceeded (injected by the test)"),
        /** {@code 500 InternalServerError}. */
        SERVER_ERROR(500, "Internal Server Error", "InternalServerError", "Internal server error (injected by the test)");

        private final int status;
        private final String statusText;
        private final String type;
        private final String message;

        Error(int status, String statusText, String type, String message) {
            this.status = status;
            this.statusText = statusText;
            this.type = type;
            this.message = message;
        }

        private byte[] body() {
            return ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\",\"message\":\"" + message + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    private static final ExecutionAttribute<Error> ERROR = new ExecutionAttribute<>("pitr.test.error");

    /** Answers the call of {@code attributes} with {@code error}. */
    protected static void answerWith(ExecutionAttributes attributes, Error error) {
        attributes.putAttribute(ERROR, error);
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        Error error = attributes.getAttribute(ERROR);
        if (error == null) {
            return context.httpResponse();
        }
        return context.httpResponse().toBuilder()
                .statusCode(error.status)
                .statusText(error.statusText)
                .putHeader("x-amzn-ErrorType", error.type + ":")
                .putHeader("Content-Length", String.valueOf(error.body().length))
                .removeHeader("x-amz-crc32")
                .build();
    }

    @Override
    public Optional<Publisher<ByteBuffer>> modifyAsyncHttpResponseContent(Context.ModifyHttpResponse context,
                                                                         ExecutionAttributes attributes) {
        Error error = attributes.getAttribute(ERROR);
        if (error == null || context.responsePublisher().isEmpty()) {
            return context.responsePublisher();
        }
        return Optional.of(new ReplacingPublisher(context.responsePublisher().get(), error.body()));
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        Error error = attributes.getAttribute(ERROR);
        if (error == null) {
            return context.responseBody();
        }
        context.responseBody().ifPresent(ErrorAnswers::drain);
        return Optional.of(new ByteArrayInputStream(error.body()));
    }

    private static void drain(InputStream in) {
        try (in) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
