package dev.pitr.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One record of an INCREMENTAL export with both images: what a key was before the export's
 * window ({@code OldImage}) and after it ({@code NewImage}). An image is {@code null} where the
 * item did not exist: no old image for an item created in the window, no new image for one
 * deleted in it. Only exports with {@code NEW_AND_OLD_IMAGES} carry old images.
 *
 * @param key      the record's {@code Keys}
 * @param oldImage the item before the window, or {@code null}
 * @param newImage the item after the window, or {@code null}
 * @param origin   the data file and line it came from
 */
public record Change(Key key, @Nullable Item oldImage, @Nullable Item newImage, Origin origin) {
    public Change {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(origin, "origin");
    }
}
