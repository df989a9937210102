package dev.pitr.testing;

/**
 * What one incremental export changes, each key at most once:
 *
 * @param updates   existing items rewritten (values redrawn, one attribute removed, one added):
 *                  a line with {@code OldImage} (in a NEW_AND_OLD_IMAGES view) and {@code NewImage}
 * @param deletes   existing items deleted: {@code Keys} (+ {@code OldImage} in NEW_AND_OLD_IMAGES)
 * @param inserts   new items: {@code Keys} and {@code NewImage}
 * @param reinserts items deleted by an earlier export and written again: {@code Keys} and
 *                  {@code NewImage}, no {@code OldImage} (the key did not exist at window start)
 */
public record Changes(int updates, int deletes, int inserts, int reinserts) {

    /** Checks that every count is zero or more. */
    public Changes {
        check("updates", updates);
        check("deletes", deletes);
        check("inserts", inserts);
        check("reinserts", reinserts);
    }

    private static void check(String what, int n) {
        if (n < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + n);
        }
    }

    /** No change at all (an incremental export whose files are all empty). */
    public static Changes none() {
        return new Changes(0, 0, 0, 0);
    }

    /** The given counts. */
    public static Changes of(int updates, int deletes, int inserts, int reinserts) {
        return new Changes(updates, deletes, inserts, reinserts);
    }

    /** These changes with {@code n} updates. */
    public Changes withUpdates(int n) {
        return new Changes(n, deletes, inserts, reinserts);
    }

    /** These changes with {@code n} deletes. */
    public Changes withDeletes(int n) {
        return new Changes(updates, n, inserts, reinserts);
    }

    /** These changes with {@code n} new inserts. */
    public Changes withInserts(int n) {
        return new Changes(updates, deletes, n, reinserts);
    }

    /** These changes with {@code n} re-inserts of previously deleted keys. */
    public Changes withReinserts(int n) {
        return new Changes(updates, deletes, inserts, n);
    }

    /** Lines the export will hold. */
    public long total() {
        return (long) updates + deletes + inserts + reinserts;
    }
}
