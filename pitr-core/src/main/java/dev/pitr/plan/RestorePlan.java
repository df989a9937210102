package dev.pitr.plan;

import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.source.ExportSource;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A validated chain: the exports to apply, in the order to apply them.
 *
 * @param steps the exports in order: a FULL export first when there is one, then incrementals by
 *              {@code exportFromTime}, each starting where the previous one ended
 */
public record RestorePlan(List<Step> steps) {

    /** One export of the chain and where to read it. */
    public record Step(ExportSource source, ExportDescriptor export) {
        public Step {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(export, "export");
        }
    }

    public RestorePlan {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a plan has at least one export");
        }
    }

    /** The ARNs of the exports in order: what a checkpoint is tied to. */
    public List<String> fingerprint() {
        return steps.stream().map(s -> s.export().exportArn()).toList();
    }

    /** The table the exports are of. */
    public String tableArn() {
        return steps.get(0).export().tableArn();
    }

    /** The time the table reflects once the whole plan is applied. */
    public Instant stateTime() {
        return steps.get(steps.size() - 1).export().stateTime();
    }

    /** Items the manifests count, over all exports. */
    public long itemCount() {
        return steps.stream().mapToLong(s -> s.export().itemCount()).sum();
    }

    /** Data files over all exports. */
    public int fileCount() {
        return steps.stream().mapToInt(s -> s.export().dataFiles().size()).sum();
    }
}
