package dev.pitr.examples;

import dev.pitr.s3.S3Uri;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The value of an option that takes a URI or a local path ({@code --export}, {@code --checkpoint},
 * {@code --report}), trimmed and checked not empty: its scheme is told apart here, once, and each
 * option turns it into what it names.
 *
 * @param option the option's name, for messages
 * @param text   the value, trimmed
 */
record UriOption(String option, String text) {

    /**
     * {@code raw} trimmed.
     *
     * @param expected what to give instead, for the message when the value is empty
     * @throws UsageException when the value is empty
     */
    static UriOption of(String option, String raw, String expected) {
        String t = raw == null ? "" : raw.trim();
        if (t.isEmpty()) {
            throw new UsageException(option + " is empty: give " + expected);
        }
        return new UriOption(option, t);
    }

    /** Whether the value is a {@code scheme://} URI, the scheme in any case. */
    boolean hasScheme(String scheme) {
        String prefix = scheme + "://";
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /** What follows {@code ://}. */
    String afterScheme() {
        return text.substring(text.indexOf("://") + 3);
    }

    /**
     * The value as an S3 URI.
     *
     * @throws UsageException when it is not one
     */
    S3Uri s3() {
        return UsageException.check(() -> S3Uri.parse(text));
    }

    /**
     * The value as a local path: {@code file:///abs/path} or {@code file://localhost/abs/path}, or
     * text without a scheme as it is. Other schemes ({@code http://}, {@code gs://}, ...) are refused.
     *
     * @throws UsageException naming the option and the value when it is neither
     */
    Path path() {
        if (text.toLowerCase(Locale.ROOT).startsWith("file:")) {
            try {
                return Path.of(URI.create(text));
            } catch (IllegalArgumentException | FileSystemNotFoundException e) {
                throw new UsageException(this + ": not a file URI (write file:///absolute/path or a plain path): "
                        + e.getMessage(), e);
            }
        }
        int colon = text.indexOf("://");
        if (colon > 0 && text.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            throw new UsageException(this + ": scheme " + text.substring(0, colon) + ":// is not supported here");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new UsageException(this + ": not a path: " + e.getMessage(), e);
        }
    }

    /** The option and its value, as messages quote them: {@code --export s3://b/x}. */
    @Override
    public String toString() {
        return option + " " + text;
    }
}
