/**
 * pitr on Spark: {@link dev.pitr.spark.PitrSpark#restore} applies a chain of exports to a table
 * from a cluster (EMR, EMR Serverless, Glue, Spark on Kubernetes, or {@code local[N]}), and
 * {@link dev.pitr.spark.PitrSpark#compact} writes its final state as one FULL export.
 * {@link dev.pitr.spark.PitrSparkMain} is the main class for {@code spark-submit} and the
 * runnable jar. Spark itself is the cluster's ({@code provided}): this module is built against
 * Spark 3.5 with Scala 2.12.
 */
@NullMarked
package dev.pitr.spark;

import org.jspecify.annotations.NullMarked;
