/**
 * The item model, free of any SDK: sealed {@link dev.pitr.model.AttributeValue} types, immutable
 * {@link dev.pitr.model.Item} and {@link dev.pitr.model.Key}, the table's
 * {@link dev.pitr.model.KeySchema}, and the operations a restore applies, sealed
 * {@link dev.pitr.model.WriteOp} = {@code Put} | {@code Delete}, each with its origin (file and line).
 */
@NullMarked
package dev.pitr.model;

import org.jspecify.annotations.NullMarked;
