package dev.pitr;

/**
 * A manifest or data file does not have the shape of a DynamoDB export: bad JSON or Ion, an
 * unknown type tag, a number that is not one, an unknown output format, and so on.
 *
 * <p>The message reads {@code Malformed record in <file> line <n>: <reason>}, or without the line
 * where the whole file is at fault.
 */
public class MalformedExportException extends PitrException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final String reason;

    /**
     * @param file   the file or object at fault, as the source names it
     * @param line   1-based line, or 0 when the fault is not on one line
     * @param reason what is wrong, without attribute values
     */
    public MalformedExportException(String file, long line, String reason) {
        this(file, line, reason, null);
    }

    public MalformedExportException(String file, long line, String reason, Throwable cause) {
        super(line > 0
                ? "Malformed record in " + file + " line " + line + ": " + reason
                : "Malformed export file " + file + ": " + reason, cause);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    /** The file or object at fault, as its source names it. */
    public String file() {
        return file;
    }

    /** The 1-based line at fault, or 0 when the fault is not on one line. */
    public long line() {
        return line;
    }

    /** What is wrong, without the file and line. */
    public String reason() {
        return reason;
    }
}
