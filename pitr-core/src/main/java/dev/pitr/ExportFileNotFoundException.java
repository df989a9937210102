package dev.pitr;

/**
 * A file the export needs is not there: a manifest, or a data file the manifest lists. A failed
 * or partly copied export looks like this.
 */
public class ExportFileNotFoundException extends PitrException {
    private static final long serialVersionUID = 1L;

    private final String file;

    public ExportFileNotFoundException(String file, String what) {
        this(file, what, null);
    }

    public ExportFileNotFoundException(String file, String what, Throwable cause) {
        super(what + " missing: " + file, cause);
        this.file = file;
    }

    /** The missing file or object, as its source names it. */
    public String file() {
        return file;
    }
}
