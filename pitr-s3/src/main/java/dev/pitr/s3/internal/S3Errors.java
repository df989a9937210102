package dev.pitr.s3.internal;

import dev.pitr.ExportIntegrityException;
import dev.pitr.PitrException;
import dev.pitr.s3.S3Uri;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns what the SDK throws into one clear {@link PitrException} that names the {@code s3://}
 * URI and says what to check, and tells transient faults (worth a resume) from final ones.
 */
public final class S3Errors {
    private static final Set<String> REGION_CODES = Set.of(
            "PermanentRedirect", "TemporaryRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException");
    private static final Set<String> TRANSIENT_CODES = Set.of(
            "SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailable", "RequestTimeTooSkewed");
    private static final Set<String> MISSING_BUCKET_CODES = Set.of("NoSuchBucket");

    private S3Errors() {
    }

    /** The failure inside the wrappers that futures add. */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** HTTP status of an S3 error, or 0 when {@code t} is not one. */
    public static int status(Throwable t) {
        return unwrap(t) instanceof S3Exception e ? e.statusCode() : 0;
    }

    /** The S3 error code ({@code NoSuchKey}, {@code AccessDenied}, ...), or {@code null}. */
    public static String code(Throwable t) {
        if (unwrap(t) instanceof S3Exception e && e.awsErrorDetails() != null) {
            return e.awsErrorDetails().errorCode();
        }
        return null;
    }

    /** The object is not there (404 other than a missing bucket). */
    public static boolean isMissingObject(Throwable t) {
        return status(t) == 404 && !isMissingBucket(t);
    }

    /** The bucket is not there (404 {@code NoSuchBucket}). */
    public static boolean isMissingBucket(Throwable t) {
        return status(t) == 404 && MISSING_BUCKET_CODES.contains(code(t));
    }

    /** The object changed: {@code If-Match} failed (412), or a part came back with another ETag. */
    public static boolean isObjectChanged(Throwable t) {
        Throwable c = unwrap(t);
        return c instanceof ObjectChangedException || status(c) == 412;
    }

    /** A fault that a new request may not meet: I/O, timeouts, throttling, 5xx, a short body. */
    public static boolean isTransient(Throwable t) {
        Throwable c = unwrap(t);
        if (c instanceof S3Exception e) {
            int s = e.statusCode();
            return s >= 500 || s == 429 || s == 408 || TRANSIENT_CODES.contains(code(e));
        }
        if (c instanceof SdkClientException || c instanceof IOException) {
            return true;
        }
        for (Throwable x = c; x != null; x = x.getCause()) {
            if (x instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** "Bucket does not exist" for {@code uri}. */
    public static PitrException missingBucket(S3Uri uri, Throwable cause) {
        return missingBucket(uri, cause, Action.READ);
    }

    private static PitrException missingBucket(S3Uri uri, Throwable cause, Action action) {
        return new PitrException("Bucket \"" + uri.bucket() + "\" does not exist (" + action.verb + " " + uri
                + "): check the bucket name in the export URI and that the S3 client points at the right"
                + " endpoint and account.", cause);
    }

    /** What was being done to the object, for messages. */
    public enum Action {
        /** GET or HEAD. */
        READ("reading", "Cannot read", "s3:GetObject"),
        /** PUT. */
        WRITE("writing", "Cannot write", "s3:PutObject");

        final String verb;
        final String cannot;
        final String permission;

        Action(String verb, String cannot, String permission) {
            this.verb = verb;
            this.cannot = cannot;
            this.permission = permission;
        }
    }

    /**
     * One clear exception for a final failure reading {@code uri}.
     *
     * @param clientRegion the client's region, for the wrong-region message; may be {@code null}
     */
    public static PitrException translate(Throwable failure, S3Uri uri, String clientRegion) {
        return translate(failure, uri, clientRegion, Action.READ);
    }

    /**
     * One clear exception for a final failure of {@code action} on {@code uri}.
     *
     * @param clientRegion the client's region, for the wrong-region message; may be {@code null}
     */
    public static PitrException translate(Throwable failure, S3Uri uri, String clientRegion, Action action) {
        Throwable t = unwrap(failure);
        if (t instanceof PitrException p) {
            return p;
        }
        if (t instanceof ObjectChangedException || status(t) == 412) {
            return changed(uri, t);
        }
        if (t instanceof S3Exception e) {
            int s = e.statusCode();
            String code = code(e);
            String detail = "HTTP " + s + (code != null ? " " + code : "");
            if (isMissingBucket(e)) {
                return missingBucket(uri, e, action);
            }
            if (s == 301 || s == 307 || (code != null && REGION_CODES.contains(code))) {
                String bucketRegion = header(e, "x-amz-bucket-region").orElse(null);
                String says = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                        ? "; S3 says: " + e.awsErrorDetails().errorMessage() : "";
                return new PitrException("Bucket \"" + uri.bucket() + "\" is not in the S3 client's region"
                        + (clientRegion != null ? " " + clientRegion : "")
                        + (bucketRegion != null ? " but in " + bucketRegion : "")
                        + " (" + action.verb + " " + uri + ", " + detail + says + "): build the S3AsyncClient for the"
                        + " bucket's region.", e);
            }
            if (s == 403) {
                return new PitrException("Access denied " + action.verb + " " + uri + " (" + detail + "): check the S3"
                        + " client's credentials, and that they allow " + action.permission + " on the key"
                        + (action == Action.READ ? " (and s3:ListBucket on the bucket, without which a missing"
                        + " object also reads as 403)." : "."), e);
            }
            if (s == 404) {
                return new PitrException(uri + " does not exist (" + detail + ").", e);
            }
            return new PitrException(action.cannot + " " + uri + " (" + detail + "): " + message(e), e);
        }
        return new PitrException(action.cannot + " " + uri + ": " + message(t), t);
    }

    /** The object at {@code uri} changed while it was read. */
    public static ExportIntegrityException changed(S3Uri uri, Throwable cause) {
        String detail = cause instanceof ObjectChangedException o ? " (" + o.getMessage() + ")" : " (If-Match failed)";
        return new ExportIntegrityException(uri.toString(), "the object changed while it was being read" + detail
                + "; an export must not be modified while it is read", cause);
    }

    private static Optional<String> header(S3Exception e, String name) {
        AwsErrorDetails d = e.awsErrorDetails();
        if (d == null || d.sdkHttpResponse() == null) {
            return Optional.empty();
        }
        return d.sdkHttpResponse().firstMatchingHeader(name);
    }

    /** A short description of {@code t} for a message: its own message, or its type. */
    static String message(Throwable t) {
        String m = t instanceof S3Exception e && e.awsErrorDetails() != null
                ? e.awsErrorDetails().errorMessage() : t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
