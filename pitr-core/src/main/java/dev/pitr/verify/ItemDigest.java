package dev.pitr.verify;

import dev.pitr.model.Item;
import dev.pitr.verify.internal.Canonical;
import dev.pitr.verify.internal.Fingerprint;
import java.util.Arrays;

/**
 * A 128-bit digest of an item as DynamoDB compares items: two items that are the same value
 * ({@link SameValue#items}) have the same digest, and two that differ have different digests
 * but with a chance of 2<sup>-128</sup>. It is the first 16 bytes of the SHA-256 of the item's
 * canonical form (numbers by value, sets and maps in a fixed order), so it is the same on every
 * machine and in every version that keeps that form.
 *
 * <p>A verify keeps only these digests of the table's items, never the items.
 */
public final class ItemDigest {
    /** Bytes of a digest. */
    public static final int BYTES = 16;

    private ItemDigest() {
    }

    /** The digest of {@code item}. */
    public static byte[] of(Item item) {
        return Arrays.copyOf(Fingerprint.sha256().digest(Canonical.of(item.attributes())), BYTES);
    }
}
