package dev.pitr.dynamodb.internal;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What kind of failure a BatchWriteItem call ended in, which decides what the writer does next.
 */
enum Fault {
    /** Throttled: back off, slow the rate, send again. */
    THROTTLED,
    /** A 5xx answer or a transport error: back off and send again. */
    TRANSIENT,
    /** DynamoDB refused the request as invalid: narrow it down to the operations at fault. */
    VALIDATION,
    /** Anything else (table gone, access denied, client misconfigured): the sink stops. */
    FATAL;

    private static final Set<String> THROTTLING_CODES = Set.of(
            "ProvisionedThroughputExceededException", "RequestLimitExceeded", "ThrottlingException",
            "Throttling", "TooManyRequestsException");
    private static final Set<String> TRANSIENT_CODES = Set.of(
            "InternalServerError", "InternalFailure", "ServiceUnavailable", "ServiceUnavailableException");

    /** Classifies {@code error}, unwrapped from the future that carried it. */
    static Fault of(Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof AwsServiceException ase) {
            String code = errorCode(ase);
            if (ase.isThrottlingException() || THROTTLING_CODES.contains(code)) {
                return THROTTLED;
            }
            if (ase.statusCode() >= 500 || TRANSIENT_CODES.contains(code)) {
                return TRANSIENT;
            }
            if ("ValidationException".equals(code)) {
                return VALIDATION;
            }
            return FATAL;
        }
        if (t instanceof SdkClientException sce && (sce.retryable() || t instanceof ApiCallAttemptTimeoutException
                || hasCause(t, IOException.class) || hasCause(t, TimeoutException.class))) {
            return TRANSIENT;
        }
        if (t instanceof SdkException se && se.retryable()) {
            return TRANSIENT;
        }
        return FATAL;
    }

    /** The error inside {@link CompletionException} and {@link ExecutionException} wrappers. */
    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** A short description for messages: the error code (or type) and the service's message. */
    static String describe(Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof AwsServiceException ase) {
            String code = errorCode(ase);
            String message = ase.awsErrorDetails() != null ? ase.awsErrorDetails().errorMessage() : null;
            return (code.isEmpty() ? t.getClass().getSimpleName() : code) + " (HTTP " + ase.statusCode() + "): "
                    + (message != null ? message : t.getMessage());
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** The error code (the name DynamoDB gives the error), or an empty string. */
    static String code(Throwable error) {
        Throwable t = unwrap(error);
        return t instanceof AwsServiceException ase ? errorCode(ase) : t.getClass().getSimpleName();
    }

    private static String errorCode(AwsServiceException e) {
        if (e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null) {
            return "";
        }
        return e.awsErrorDetails().errorCode();
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
