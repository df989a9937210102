package dev.pitr;

/**
 * A file's bytes are not what its manifest promised: an MD5 mismatch, a line count that differs
 * from {@code itemCount}, or compressed data that is truncated or corrupt.
 */
public class ExportIntegrityException extends PitrException {
    private static final long serialVersionUID = 1L;

    private final String file;

    public ExportIntegrityException(String file, String reason) {
        this(file, reason, null);
    }

    public ExportIntegrityException(String file, String reason, Throwable cause) {
        super("Integrity check failed for " + file + ": " + reason, cause);
        this.file = file;
    }

    /** The file or object at fault, as its source names it. */
    public String file() {
        return file;
    }
}
