/**
 * The entry point: {@link dev.pitr.PitrRestorer} (built by {@link dev.pitr.PitrRestorerBuilder})
 * applies a chain of DynamoDB exports to a table and returns a {@link dev.pitr.RestoreReport};
 * {@link dev.pitr.RestoreListener} hears it go; every failure is a {@link dev.pitr.PitrException}.
 * The stages it drives each have a package: {@code manifest} (what an export holds),
 * {@code decode} (data files into operations), {@code plan} (the chain's order), {@code write}
 * (operations into the target) and {@code checkpoint} (progress that survives a crash).
 */
@NullMarked
package dev.pitr;

import org.jspecify.annotations.NullMarked;
