package dev.pitr.examples;

import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/** Turns the local-file forms of a command-line URI ({@code file://} URIs and plain paths) into paths. */
final class LocalPaths {
    private LocalPaths() {
    }

    /**
     * {@code file:///abs/path} or {@code file://localhost/abs/path} to a path; text without a
     * scheme is a path as it is. Other schemes ({@code http://}, {@code gs://}, ...) are refused.
     *
     * @param option the option name, for the message
     * @throws UsageException naming the option and the text when it is neither
     */
    static Path toPath(String text, String option) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("file:")) {
            try {
                return Path.of(URI.create(text));
            } catch (IllegalArgumentException | FileSystemNotFoundException e) {
                throw new UsageException(option + " " + text + ": not a file URI (write file:///absolute/path or"
                        + " a plain path): " + e.getMessage(), e);
            }
        }
        int colon = text.indexOf("://");
        if (colon > 0 && text.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            throw new UsageException(option + " " + text + ": scheme " + text.substring(0, colon)
                    + ":// is not supported here");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new UsageException(option + " " + text + ": not a path: " + e.getMessage(), e);
        }
    }
}
