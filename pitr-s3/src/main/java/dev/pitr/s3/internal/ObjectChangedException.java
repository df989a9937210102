package dev.pitr.s3.internal;

/** A ranged GET came back with another ETag than the object had when it was opened. */
final class ObjectChangedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ObjectChangedException(String expectedEtag, String actualEtag) {
        super("ETag " + expectedEtag + " when opened, " + actualEtag + " later", null, false, false);
    }
}
