package dev.pitr.write;

import org.jspecify.annotations.Nullable;
import dev.pitr.PitrException;
import java.util.Objects;

/**
 * The target table cannot be written: it does not exist, is not {@code ACTIVE}, cannot be
 * described, or refuses every write (access denied, deleted while restoring).
 */
public class TargetTableException extends PitrException {
    private static final long serialVersionUID = 1L;

    private final String table;

    /**
     * @param table  the target table
     * @param reason what is wrong, completing "Target table T ..."
     * @param cause  the underlying error, or {@code null}
     */
    public TargetTableException(String table, String reason, @Nullable Throwable cause) {
        super("Target table " + table + " " + reason, cause);
        this.table = Objects.requireNonNull(table, "table");
    }

    /** The target table. */
    public String table() {
        return table;
    }
}
