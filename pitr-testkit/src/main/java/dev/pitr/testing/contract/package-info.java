/**
 * The contract suites: one abstract JUnit test class per SPI, which every implementation's test
 * extends, as Micrometer's {@code MeterRegistryCompatibilityKit}. pitr's own implementations pass
 * them: {@link dev.pitr.testing.contract.CheckpointStoreContract} (in-memory, file, S3, DynamoDB
 * stores; S3 and DynamoDB also pass {@link dev.pitr.testing.contract.RemoteCheckpointStoreContract},
 * saves whose answers are lost), {@link dev.pitr.testing.contract.ExportSourceContract} (local folder, S3),
 * {@link dev.pitr.testing.contract.ItemSinkContract} (DynamoDB) and
 * {@link dev.pitr.testing.contract.DeadLetterSinkContract} (JSON Lines file, discarding).
 */
@NullMarked
package dev.pitr.testing.contract;

import org.jspecify.annotations.NullMarked;
