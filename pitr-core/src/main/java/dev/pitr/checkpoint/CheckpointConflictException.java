package dev.pitr.checkpoint;

import dev.pitr.PitrException;

/**
 * A checkpoint could not be saved or used because another restorer holds the same restore id,
 * or the stored checkpoint belongs to another chain.
 */
public class CheckpointConflictException extends PitrException {
    private static final long serialVersionUID = 1L;

    public CheckpointConflictException(String message) {
        super(message);
    }

    public CheckpointConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
