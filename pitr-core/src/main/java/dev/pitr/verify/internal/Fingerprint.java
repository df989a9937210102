package dev.pitr.verify.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An order-independent 128-bit digest of a set of (key, item digest) pairs: the sum, modulo
 * 2<sup>128</sup>, of the first 16 bytes of the SHA-256 of each key's canonical bytes followed
 * by its item's digest. Two sides that hold the same items have the same fingerprint whatever
 * order they were read in. Not thread-safe.
 */
public final class Fingerprint {
    private final MessageDigest sha = sha256();
    private long high;
    private long low;

    /** Adds one key and its item's digest. */
    public void add(byte[] keyBytes, byte[] itemDigest) {
        sha.update(keyBytes);
        byte[] h = sha.digest(itemDigest);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (h[i] & 0xff);
            lo = (lo << 8) | (h[i + 8] & 0xff);
        }
        long sum = low + lo;
        high += hi + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
        low = sum;
    }

    /** The fingerprint as 32 hex digits. */
    public String hex() {
        return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
    }

    /** A new SHA-256 digest. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
