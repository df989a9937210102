package dev.pitr.dynamodb.internal;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * One checkpoint as a DynamoDB item: {@code restoreId} (partition key), {@code checkpoint} (the
 * JSON) and {@code version}, the enhanced client's optimistic-locking attribute.
 */
public final class CheckpointRecord {
    /** The mapping, with {@code version} tagged for {@link VersionedRecordExtension}. */
    public static final TableSchema<CheckpointRecord> SCHEMA = StaticTableSchema.builder(CheckpointRecord.class)
            .newItemSupplier(CheckpointRecord::new)
            .addAttribute(String.class, a -> a.name("restoreId").getter(CheckpointRecord::restoreId)
                    .setter(CheckpointRecord::restoreId).tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("checkpoint").getter(CheckpointRecord::checkpoint)
                    .setter(CheckpointRecord::checkpoint))
            .addAttribute(Long.class, a -> a.name("version").getter(CheckpointRecord::version)
                    .setter(CheckpointRecord::version).tags(VersionedRecordExtension.AttributeTags.versionAttribute()))
            .build();

    private String restoreId;
    private String checkpoint;
    private Long version;

    public String restoreId() {
        return restoreId;
    }

    public void restoreId(String restoreId) {
        this.restoreId = restoreId;
    }

    public String checkpoint() {
        return checkpoint;
    }

    public void checkpoint(String checkpoint) {
        this.checkpoint = checkpoint;
    }

    public Long version() {
        return version;
    }

    public void version(Long version) {
        this.version = version;
    }
}
