/**
 * How the Spark job runs: the driver's plan of file tasks ({@link dev.pitr.spark.internal.ChainInput}),
 * the executors' decoding of one data file into keyed records ({@link dev.pitr.spark.internal.FileDecoder}),
 * the reduction to each key's last record ({@link dev.pitr.spark.internal.KeyRecord#latest}), and the
 * write of one partition through {@code DynamoDbItemSink} ({@link dev.pitr.spark.internal.PartitionWriter})
 * or into one data file of a FULL export ({@link dev.pitr.spark.internal.PartitionExport}). Not API.
 */
@NullMarked
package dev.pitr.spark.internal;

import org.jspecify.annotations.NullMarked;
