/**
 * Reverting a bad window in place: each key a window of exports changed is put back to its
 * state at the window's start, where it still holds its state at the window's end, decided
 * atomically by the table through a {@link dev.pitr.revert.ConditionalSink}.
 */
@NullMarked
package dev.pitr.revert;

import org.jspecify.annotations.NullMarked;
