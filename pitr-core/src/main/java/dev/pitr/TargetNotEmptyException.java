package dev.pitr;

import java.time.Instant;

/**
 * A chain that starts with a FULL export was about to be applied to a target that already holds
 * items: the result would not be the chain's state (items the export lacks would stay), so
 * nothing was written. Apply it anyway with {@link PitrRestorerBuilder#allowNonEmptyTarget}.
 */
public class TargetNotEmptyException extends PitrException {
    private static final long serialVersionUID = 1L;

    public TargetNotEmptyException(String message) {
        super(message);
    }

    /**
     * The refusal of FULL export {@code exportId}, first of a chain whose state is that of
     * {@code stateTime}, onto {@code target} (a table name or ARN), which holds items.
     *
     * @param allowOption how to apply it anyway, for example {@code --allow-nonempty, or allowNonEmpty(true)}
     * @param more        a sentence to add, or an empty string
     */
    public static TargetNotEmptyException ofFullExport(String target, String exportId, Instant stateTime,
                                                       String allowOption, String more) {
        return new TargetNotEmptyException(target + " already holds items, and the chain starts with FULL export "
                + exportId + ": items the export lacks would stay, so the table would not hold the state of "
                + stateTime + ". Nothing was written. Restore into an empty table, or apply the chain anyway and keep"
                + " those items (" + allowOption + ")." + (more.isEmpty() ? "" : " " + more));
    }
}
