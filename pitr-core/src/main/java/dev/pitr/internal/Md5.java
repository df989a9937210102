package dev.pitr.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * An input stream that computes the MD5 and counts the bytes that pass through it, for checking
 * the Base64 MD5 checksums that export manifests carry.
 */
public final class Md5 extends FilterInputStream {
    private final MessageDigest digest;
    private long count;

    public Md5(InputStream in) {
        super(in);
        this.digest = newDigest();
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
    }

    /** The Base64 MD5 of {@code bytes}. */
    public static String base64Of(byte[] bytes) {
        return Base64.getEncoder().encodeToString(newDigest().digest(bytes));
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            digest.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            digest.update(b, off, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must still be digested.
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        long left = n;
        while (left > 0) {
            int r = read(scratch, 0, (int) Math.min(left, scratch.length));
            if (r < 0) {
                break;
            }
            left -= r;
        }
        return n - left;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads the rest of the stream so that the digest covers every byte. */
    public void drain() throws IOException {
        byte[] scratch = new byte[8192];
        while (read(scratch, 0, scratch.length) >= 0) {
            // digest only
        }
    }

    /** Bytes read so far. */
    public long count() {
        return count;
    }

    /** The Base64 MD5 of everything read; call once, at the end. */
    public String base64() {
        return Base64.getEncoder().encodeToString(digest.digest());
    }
}
