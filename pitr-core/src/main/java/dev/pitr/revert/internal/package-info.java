/** Revert's machinery: each key's first old image and last new image on disk. Not API. */
@NullMarked
package dev.pitr.revert.internal;

import org.jspecify.annotations.NullMarked;
