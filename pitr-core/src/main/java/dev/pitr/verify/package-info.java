/**
 * Verification: whether a table holds a chain's state, compared key by key out of core
 * ({@link dev.pitr.verify.StateDiff}) with values compared as DynamoDB compares them
 * ({@link dev.pitr.verify.SameValue}).
 */
@NullMarked
package dev.pitr.verify;

import org.jspecify.annotations.NullMarked;
