package dev.pitr.plan;

import dev.pitr.PitrException;

/**
 * The exports given do not form a chain that can be applied: a gap or an overlap between
 * windows, exports of another table, two FULL exports, a FULL export that is not first, or an
 * "until" time that is not an export boundary. Thrown before anything is written.
 */
public class ChainException extends PitrException {
    private static final long serialVersionUID = 1L;

    public ChainException(String message) {
        super(message);
    }
}
