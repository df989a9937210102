package dev.pitr.write;

import dev.pitr.PitrException;

/**
 * A thread waiting in an {@link ItemSink} (for room in its queue, or for a flush) or in a
 * {@link WriteRateLimiter} was interrupted. The thread's interrupt flag is set again before this
 * is thrown.
 */
public class WriteInterruptedException extends PitrException {
    private static final long serialVersionUID = 1L;

    /** @param message what was being waited for */
    public WriteInterruptedException(String message, InterruptedException cause) {
        super(message, cause);
    }
}
