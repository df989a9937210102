package dev.pitr.s3.internal;

import java.io.IOException;

/** A ranged GET ended without error but with fewer bytes than asked: resumed like a cut connection. */
final class TruncatedRangeException extends IOException {
    private static final long serialVersionUID = 1L;

    TruncatedRangeException(String message) {
        super(message);
    }
}
