package dev.pitr.write;

import dev.pitr.PitrException;
import dev.pitr.model.KeySchema;
import dev.pitr.model.Origin;
import java.util.Objects;

/**
 * An operation's key does not have the target table's key attributes and types. Thrown before
 * the operation is queued: nothing of it reaches the table.
 *
 * <p>The message names the expected key attributes, the ones found (names and types only), and
 * the data file and line the operation came from.
 */
public class KeySchemaMismatchException extends PitrException {
    private static final long serialVersionUID = 1L;

    private final transient KeySchema expected;
    private final String found;
    private final transient Origin origin;

    /**
     * @param expected the table's key schema
     * @param found    the key attributes the operation has, names and types only
     * @param problem  what differs, without values
     * @param origin   the data file and line the operation came from
     */
    public KeySchemaMismatchException(KeySchema expected, String found, String problem, Origin origin) {
        super("Key of the operation from " + origin + " does not match the table's key " + expected + ": "
                + problem + "; found key attributes " + found);
        this.expected = Objects.requireNonNull(expected, "expected");
        this.found = Objects.requireNonNull(found, "found");
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /** The table's key schema. */
    public KeySchema expected() {
        return expected;
    }

    /** The key attributes the operation has, as {@code {name=TYPE, ...}}. */
    public String found() {
        return found;
    }

    /** The data file and line the operation came from. */
    public Origin origin() {
        return origin;
    }
}
