/**
 * The decoders' scanners and fallbacks. Not an API: may change in any release.
 */
@NullMarked
package dev.pitr.decode.internal;

import org.jspecify.annotations.NullMarked;
