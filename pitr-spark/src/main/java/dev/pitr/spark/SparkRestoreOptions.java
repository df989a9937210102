package dev.pitr.spark;

import dev.pitr.checkpoint.CheckpointStore;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link PitrSpark#restore} applies, and how.
 *
 * <pre>{@code
 * SparkRestoreOptions options = SparkRestoreOptions.builder()
 *         .table("orders")
 *         .export("s3://backups/orders/AWSDynamoDB/01700000000000-abcdefgh/")
 *         .export("s3://backups/orders/AWSDynamoDB/01700000900000-ijklmnop/")
 *         .maxWriteCapacityUnitsPerSecond(40_000)
 *         .clients(AwsClientFactory.defaults().withRegion("eu-west-1"))
 *         .build();
 * }</pre>
 */
public final class SparkRestoreOptions extends SparkJobOptions {
    private final String table;
    private final double maxWcu;
    private final int writePartitions;
    private final int concurrentTasks;
    private final int maxInFlightPerTask;
    private final boolean allowNonEmpty;
    private final @Nullable CheckpointStore checkpointStore;
    private final @Nullable String restoreId;

    private SparkRestoreOptions(Builder b) {
        super(b);
        this.table = Objects.requireNonNull(b.table);
        this.maxWcu = b.maxWcu;
        this.writePartitions = b.writePartitions;
        this.concurrentTasks = b.concurrentTasks;
        this.maxInFlightPerTask = b.maxInFlightPerTask;
        this.allowNonEmpty = b.allowNonEmpty;
        this.checkpointStore = b.checkpointStore;
        this.restoreId = b.restoreId;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String table() {
        return table;
    }

    /** The job's write-capacity ceiling, or 0 for none. */
    public double maxWriteCapacityUnitsPerSecond() {
        return maxWcu;
    }

    /** Partitions of the write stage, or 0 for twice the cluster's parallelism. */
    public int writePartitions() {
        return writePartitions;
    }

    /** Write tasks that may run at once, or 0 for the cluster's parallelism when the job starts. */
    public int concurrentTasks() {
        return concurrentTasks;
    }

    public int maxInFlightPerTask() {
        return maxInFlightPerTask;
    }

    public boolean allowNonEmpty() {
        return allowNonEmpty;
    }

    public @Nullable CheckpointStore checkpointStore() {
        return checkpointStore;
    }

    public @Nullable String restoreId() {
        return restoreId;
    }

    /** Builds {@link SparkRestoreOptions}; checks each value as it is set. */
    public static final class Builder extends SparkJobOptions.Builder<Builder> {
        private @Nullable String table;
        private double maxWcu;
        private int writePartitions;
        private int concurrentTasks;
        private int maxInFlightPerTask = 8;
        private boolean allowNonEmpty;
        private @Nullable CheckpointStore checkpointStore;
        private @Nullable String restoreId;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** The target table: its name or ARN. Required. */
        public Builder table(String table) {
            Objects.requireNonNull(table, "table");
            if (table.isBlank()) {
                throw new IllegalArgumentException("table is blank");
            }
            this.table = table;
            return this;
        }

        /**
         * The most write capacity units per second the whole job uses, shared among the write tasks
         * that run at once (each task also backs off on throttling). Default: no ceiling.
         */
        public Builder maxWriteCapacityUnitsPerSecond(double wcu) {
            if (!(wcu > 0) || Double.isInfinite(wcu)) {
                throw new IllegalArgumentException("maxWriteCapacityUnitsPerSecond must be a positive number, got " + wcu);
            }
            this.maxWcu = wcu;
            return this;
        }

        /** No ceiling (the default): each task's rate only adapts to throttling. */
        public Builder unlimitedWriteCapacity() {
            this.maxWcu = 0;
            return this;
        }

        /** Partitions of the write stage (default: twice the cluster's parallelism). */
        public Builder writePartitions(int partitions) {
            this.writePartitions = positive("writePartitions", partitions, 1_000_000);
            return this;
        }

        /**
         * How many write tasks can run at once, to split the ceiling by (default: the cluster's
         * parallelism when the job starts). Set it when executors come and go (dynamic allocation).
         */
        public Builder concurrentTasks(int tasks) {
            this.concurrentTasks = positive("concurrentTasks", tasks, 1_000_000);
            return this;
        }

        /** BatchWriteItem requests in flight per write task (default 8). */
        public Builder maxInFlightPerTask(int requests) {
            this.maxInFlightPerTask = positive("maxInFlightPerTask", requests, 1024);
            return this;
        }

        /**
         * Apply a chain that starts with a FULL export to a table that already holds items (they
         * stay unless the chain writes their keys). Default: refused.
         */
        public Builder allowNonEmpty(boolean allow) {
            this.allowNonEmpty = allow;
            return this;
        }

        /**
         * Where the job records that it started and that it finished (file, S3 or DynamoDB store).
         * With one, a job killed midway and run again knows the table's items are its own and
         * finishes without {@link #allowNonEmpty}; a finished job run again does nothing. Without
         * one, a rerun of a chain that starts with a FULL export needs {@link #allowNonEmpty}.
         */
        public Builder checkpointStore(@Nullable CheckpointStore store) {
            this.checkpointStore = store;
            return this;
        }

        /** The id the job's record is saved under (default: derived from the chain and the table). */
        public Builder restoreId(@Nullable String id) {
            this.restoreId = id;
            return this;
        }

        public SparkRestoreOptions build() {
            checkExports();
            if (table == null) {
                throw new IllegalStateException("no table: name the target with table(name)");
            }
            return new SparkRestoreOptions(this);
        }
    }
}
