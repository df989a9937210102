package dev.pitr;

/**
 * A source refused a key a manifest gave it, before reading anything through it: an empty key,
 * an absolute one (starting with {@code /}) or one with a {@code ..} segment, and for a local
 * export a file whose real path (links followed) leaves the export root. A copy of an export
 * never has such keys; a crafted or tampered one may, to make a restore read files it should not.
 */
public class ExportKeyRefusedException extends PitrException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String reason;

    /**
     * @param key    the key or file name refused, as the manifest or the caller wrote it
     * @param reason why, naming the root it leaves where there is one
     */
    public ExportKeyRefusedException(String key, String reason) {
        super("Refused key \"" + key + "\": " + reason);
        this.key = key;
        this.reason = reason;
    }

    /** The key or file name refused, as the manifest or the caller wrote it. */
    public String key() {
        return key;
    }

    /** Why it was refused, without the key. */
    public String reason() {
        return reason;
    }
}
