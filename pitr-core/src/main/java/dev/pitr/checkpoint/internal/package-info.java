/**
 * What checkpoint stores share: the conflict a lost compare-and-set raises. Not an API: may
 * change in any release.
 */
@NullMarked
package dev.pitr.checkpoint.internal;

import org.jspecify.annotations.NullMarked;
