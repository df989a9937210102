/**
 * Verification: whether a table holds a chain's state. {@link dev.pitr.verify.PitrVerifier}
 * builds the state, reads the table through a {@link dev.pitr.verify.TableReader}, compares the
 * two key by key out of core, with values compared as DynamoDB compares them
 * ({@link dev.pitr.verify.SameValue}, {@link dev.pitr.verify.ItemDigest}), and can repair what
 * differs; {@link dev.pitr.verify.VerifyReport} says what it found.
 */
@NullMarked
package dev.pitr.verify;

import org.jspecify.annotations.NullMarked;
