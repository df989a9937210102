package dev.pitr;

/**
 * The restore was stopped by {@link PitrRestorer#close()} or an interrupt before it finished.
 * A checkpoint was saved: running the same restore again resumes it.
 */
public class RestoreStoppedException extends PitrException {
    private static final long serialVersionUID = 1L;

    public RestoreStoppedException(String message) {
        super(message);
    }
}
