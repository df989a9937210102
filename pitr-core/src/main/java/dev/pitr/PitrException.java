package dev.pitr;

/**
 * Root of every exception pitr throws. All are unchecked: a restore either completes or stops
 * with one of these, and the checkpoint it leaves lets it resume.
 *
 * <p>Messages name the resource (file, object, table) and, for bad input, the 1-based line.
 * They never contain attribute values, which may be personal data; item keys appear only where
 * an error must name the item at fault.
 */
public class PitrException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PitrException(String message) {
        super(message);
    }

    public PitrException(String message, Throwable cause) {
        super(message, cause);
    }
}
