/**
 * The model's immutable, array-backed maps and sets, and the builders the decoders fill them
 * with. Not an API: may change in any release.
 */
@NullMarked
package dev.pitr.model.internal;

import org.jspecify.annotations.NullMarked;
