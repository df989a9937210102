package dev.pitr.spark.internal;

import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.util.Arrays;

/**
 * A key's canonical bytes ({@code StateKeys.of}): equal for equal keys whatever their source (a
 * number written "1.50" or "1.5"), so the shuffle brings every record of a key together. It
 * writes itself (length and bytes) rather than through Java serialization's reflection: the job
 * shuffles one per record.
 */
public final class StateKey implements Externalizable {
    private static final long serialVersionUID = 1L;
    private byte[] bytes;
    private int hash;

    /** For deserialization. */
    public StateKey() {
        this.bytes = new byte[0];
    }

    public StateKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    public byte[] bytes() {
        return bytes;
    }

    @Override
    public void writeExternal(ObjectOutput out) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    @Override
    public void readExternal(ObjectInput in) throws IOException {
        bytes = new byte[in.readInt()];
        in.readFully(bytes);
        hash = Arrays.hashCode(bytes);
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
