package dev.pitr.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A FULL export and the incremental exports that follow it with contiguous windows.
 *
 * @param full         the FULL export
 * @param incrementals the incremental exports, in time order
 */
public record GeneratedChain(GeneratedExport full, List<GeneratedExport> incrementals) {

    /** Copies the list. */
    public GeneratedChain {
        Objects.requireNonNull(full, "full");
        incrementals = List.copyOf(incrementals);
    }

    /** All exports, FULL first, in the order they must be applied. */
    public List<GeneratedExport> exports() {
        List<GeneratedExport> all = new ArrayList<>(incrementals.size() + 1);
        all.add(full);
        all.addAll(incrementals);
        return all;
    }

    /** The last export of the chain. */
    public GeneratedExport last() {
        return incrementals.isEmpty() ? full : incrementals.get(incrementals.size() - 1);
    }
}
