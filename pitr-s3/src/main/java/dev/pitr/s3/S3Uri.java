package dev.pitr.s3;

import java.util.Objects;

/**
 * An S3 object or folder address, {@code s3://bucket/key}.
 *
 * <p>The key is kept exactly as written (no percent-decoding, no normalisation): S3 keys may hold
 * any character, and the ones in export manifests are used as they are. A folder's key ends in
 * {@code /}; the bucket root has the empty key.
 *
 * @param bucket the bucket name
 * @param key    the object key, possibly empty
 */
public record S3Uri(String bucket, String key) {
    private static final String SCHEME = "s3://";

    /**
     * @throws IllegalArgumentException when the bucket is not a plausible bucket name or the key
     *                                  starts with {@code /}
     */
    public S3Uri {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        String problem = bucketProblem(bucket);
        if (problem != null) {
            throw new IllegalArgumentException("Bad bucket name \"" + bucket + "\": " + problem);
        }
        if (key.startsWith("/")) {
            throw new IllegalArgumentException("Key must not start with '/': \"" + key + "\"");
        }
    }

    /**
     * Parses {@code s3://bucket/key} ({@code s3://bucket} and {@code s3://bucket/} are the bucket
     * root).
     *
     * @throws IllegalArgumentException naming the text when it is not such a URI
     */
    public static S3Uri parse(String uri) {
        Objects.requireNonNull(uri, "uri");
        if (!uri.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new IllegalArgumentException("Not an s3:// URI: \"" + uri + "\"");
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        try {
            return new S3Uri(bucket, key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Bad s3:// URI \"" + uri + "\": " + e.getMessage(), e);
        }
    }

    /** The object {@code key} of the same bucket. */
    public S3Uri withKey(String newKey) {
        return new S3Uri(bucket, newKey);
    }

    /** The last segment of the key (the part after the last {@code /}, ignoring a trailing one). */
    public String fileName() {
        String k = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        return k.substring(k.lastIndexOf('/') + 1);
    }

    /** {@code s3://bucket/key}. */
    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }

    private static String bucketProblem(String b) {
        // Lenient on purpose: legacy buckets may hold upper case and underscores; S3-compatible
        // stores are laxer still. Reject only what can never be a bucket in a URI.
        if (b.isEmpty()) {
            return "empty";
        }
        if (b.length() > 255) {
            return "longer than 255 characters";
        }
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_';
            if (!ok) {
                return "character '" + c + "' is not allowed";
            }
        }
        return null;
    }
}
