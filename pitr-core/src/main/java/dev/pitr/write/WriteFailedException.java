package dev.pitr.write;

import org.jspecify.annotations.Nullable;
import dev.pitr.PitrException;
import dev.pitr.model.Key;
import dev.pitr.model.Origin;
import java.util.Objects;

/**
 * An operation was not written under {@link FailurePolicy#FAIL}, or was left unsent because the
 * sink stopped after such a failure.
 *
 * <p>The message names the table, the item's key (its values: this is the one place an error
 * must name the item), the data file and line the operation came from, and DynamoDB's message
 * or the limit broken. It holds no other attribute values.
 */
public class WriteFailedException extends PitrException {
    private static final long serialVersionUID = 1L;

    private final String table;
    private final transient Key key;
    private final transient Origin origin;
    private final String reason;

    /**
     * @param table  the target table
     * @param key    the key of the item the operation writes or deletes
     * @param origin the data file and line the operation came from
     * @param reason why it was not written, without attribute values
     * @param cause  the underlying error, or {@code null}
     */
    public WriteFailedException(String table, Key key, Origin origin, String reason, @Nullable Throwable cause) {
        super("Write to table " + table + " failed for key " + key.toDisplayString() + " from " + origin
                + ": " + reason, cause);
        this.table = Objects.requireNonNull(table, "table");
        this.key = key;
        this.origin = origin;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The target table. */
    public String table() {
        return table;
    }

    /** The key of the item at fault. */
    public Key key() {
        return key;
    }

    /** The data file and line the operation came from. */
    public Origin origin() {
        return origin;
    }

    /** Why the operation was not written (without table, key and origin). */
    public String reason() {
        return reason;
    }
}
