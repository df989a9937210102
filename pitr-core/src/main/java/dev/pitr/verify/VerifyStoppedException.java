package dev.pitr.verify;

import dev.pitr.PitrException;

/**
 * The verify was stopped by {@link PitrVerifier#close()} or an interrupt before it finished. The
 * chain's state built so far stays in its directory: running the verify again resumes building it.
 */
public class VerifyStoppedException extends PitrException {
    private static final long serialVersionUID = 1L;

    public VerifyStoppedException(String message) {
        super(message);
    }
}
