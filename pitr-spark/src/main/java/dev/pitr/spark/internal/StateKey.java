package dev.pitr.spark.internal;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A key's canonical bytes ({@code StateKeys.of}): equal for equal keys whatever their source (a
 * number written "1.50" or "1.5"), so the shuffle brings every record of a key together.
 */
public final class StateKey implements Serializable {
    private static final long serialVersionUID = 1L;
    private final byte[] bytes;
    private final int hash;

    public StateKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    public byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateKey k && k.hash == hash && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
