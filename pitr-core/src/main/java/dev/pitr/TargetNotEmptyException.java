package dev.pitr;

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
}
