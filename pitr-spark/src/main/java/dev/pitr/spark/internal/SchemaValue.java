package dev.pitr.spark.internal;

import dev.pitr.model.KeySchema;
import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/** A key schema that travels with the job's closures. */
public record SchemaValue(String partitionName, String partitionType, @Nullable String sortName,
                          @Nullable String sortType) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static SchemaValue of(KeySchema schema) {
        KeySchema.KeyAttribute sort = schema.sortKey();
        return new SchemaValue(schema.partitionKey().name(), schema.partitionKey().type().name(),
                sort == null ? null : sort.name(), sort == null ? null : sort.type().name());
    }

    public KeySchema schema() {
        KeySchema.KeyAttribute pk = new KeySchema.KeyAttribute(partitionName, KeySchema.ScalarType.valueOf(partitionType));
        return sortName == null || sortType == null ? new KeySchema(pk, null)
                : new KeySchema(pk, new KeySchema.KeyAttribute(sortName, KeySchema.ScalarType.valueOf(sortType)));
    }
}
