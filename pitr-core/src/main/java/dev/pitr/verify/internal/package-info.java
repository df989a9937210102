/** Verification's machinery: canonical values, the table's key digests on disk. Not API. */
@NullMarked
package dev.pitr.verify.internal;

import org.jspecify.annotations.NullMarked;
