package dev.pitr.verify.internal;

import java.security.MessageDigest;

/**
 * Which keys a sampled verify checks: those whose key hash falls in the sampled fraction. The
 * hash is the first 8 bytes of the SHA-256 of the key's canonical bytes, taken modulo 1,000,000;
 * a key is in a sample of fraction {@code f} when that is below {@code f x 1,000,000}. The same
 * keys are sampled on every run and machine, and a larger sample holds every key of a smaller one.
 */
public final class Sample {
    private static final long SCALE = 1_000_000;

    private final long below;
    private final MessageDigest sha = Fingerprint.sha256();

    /** A sample of {@code fraction} of the keys (1 takes all). */
    public Sample(double fraction) {
        this.below = Math.round(fraction * SCALE);
    }

    /** Whether every key is in it. */
    public boolean all() {
        return below >= SCALE;
    }

    /** Whether the key with these canonical bytes is in the sample. Not thread-safe. */
    public boolean includes(byte[] keyBytes) {
        if (all()) {
            return true;
        }
        byte[] h = sha.digest(keyBytes);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (h[i] & 0xff);
        }
        return Long.remainderUnsigned(v, SCALE) < below;
    }
}
