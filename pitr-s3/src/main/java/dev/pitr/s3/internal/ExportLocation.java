package dev.pitr.s3.internal;

import dev.pitr.manifest.ManifestReader;
import dev.pitr.s3.S3Uri;

/**
 * Where an export lives in S3: the export folder {@code s3://bucket/[prefix/]AWSDynamoDB/<exportId>/},
 * from a URI of that folder (with or without the trailing slash) or of its
 * {@code manifest-summary.json}.
 *
 * @param folder   the export folder; its key ends in {@code /}
 * @param exportId the last segment of the folder
 */
public record ExportLocation(S3Uri folder, String exportId) {
    private static final String AWS_DYNAMODB = "AWSDynamoDB";

    /**
     * @throws IllegalArgumentException naming {@code uri} when it is not an export folder's URI
     */
    public static ExportLocation parse(String uri) {
        if (uri == null) {
            throw new IllegalArgumentException("exportUri must not be null");
        }
        S3Uri parsed;
        try {
            parsed = S3Uri.parse(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(shape(uri, e.getMessage()), e);
        }
        String key = parsed.key();
        if (key.endsWith("/" + ManifestReader.SUMMARY)) {
            key = key.substring(0, key.length() - ManifestReader.SUMMARY.length());
        }
        while (key.endsWith("/")) {
            key = key.substring(0, key.length() - 1);
        }
        String[] segments = key.split("/", -1);
        if (segments.length < 2 || !segments[segments.length - 2].equals(AWS_DYNAMODB)) {
            throw new IllegalArgumentException(shape(uri, "it does not end in " + AWS_DYNAMODB + "/<exportId>/"));
        }
        String id = segments[segments.length - 1];
        if (id.isEmpty() || id.equals("data")) {
            throw new IllegalArgumentException(shape(uri, "\"" + id + "\" is not an export id"));
        }
        for (String s : segments) {
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                throw new IllegalArgumentException(shape(uri, "empty, '.' or '..' path segment"));
            }
        }
        return new ExportLocation(parsed.withKey(key + "/"), id);
    }

    private static String shape(String uri, String problem) {
        return "Not an export URI: \"" + uri + "\" (" + problem + "); expected s3://bucket/[prefix/]"
                + AWS_DYNAMODB + "/<exportId>/ or the URI of its " + ManifestReader.SUMMARY;
    }

    /** The object of the export folder called {@code name}. */
    public S3Uri file(String name) {
        return folder.withKey(folder.key() + name);
    }
}
