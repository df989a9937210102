/**
 * Helpers of the write stage shared by sinks. Not an API: may change in any release.
 */
@NullMarked
package dev.pitr.write.internal;

import org.jspecify.annotations.NullMarked;
