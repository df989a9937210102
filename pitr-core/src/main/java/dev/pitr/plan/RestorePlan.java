package dev.pitr.plan;

import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.source.ExportSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A validated chain: the exports to apply, in the order to apply them.
 *
 * @param steps the exports in order: a FULL export first when there is one, then incrementals by
 *              end time, each starting where the previous one ended or earlier ({@linkplain #seams()
 *              overlaps} are safe), or later only when gaps were allowed ({@link #gaps()})
 */
public record RestorePlan(List<Step> steps) {

    /** One export of the chain and where to read it. */
    public record Step(ExportSource source, ExportDescriptor export) {
        public Step {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(export, "export");
        }
    }

    /**
     * Where export {@code index} of the chain meets the one before it.
     *
     * @param index    the later export's place in {@link #steps()} (1 or more)
     * @param previous the export before it
     * @param next     the export at {@code index}
     * @param reached  the time the chain reaches with {@code previous} applied
     * @param from     where {@code next}'s window starts
     */
    public record Seam(int index, ExportDescriptor previous, ExportDescriptor next, Instant reached, Instant from) {
        /** Whether writes between {@code reached} and {@code from} are in no export of the chain: they may be lost. */
        public boolean isGap() {
            return from.isAfter(reached);
        }

        /** Whether {@code next}'s window starts before the time reached (applied again; safe). */
        public boolean isOverlap() {
            return from.isBefore(reached);
        }

        /** How long the gap or the overlap is. */
        public Duration length() {
            return Duration.between(reached, from).abs();
        }

        @Override
        public String toString() {
            String length = dev.pitr.internal.HumanDuration.format(length());
            return isGap()
                    ? "gap of " + length + " between " + reached + " and " + from + " (before export " + next.exportId() + ")"
                    : "overlap of " + length + ": export " + next.exportId() + " starts at " + from + ", before the "
                            + reached + " the chain reached";
        }
    }

    public RestorePlan {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a plan has at least one export");
        }
    }

    /** Every seam of the chain where the next window does not start exactly where the chain reached. */
    public List<Seam> seams() {
        List<Seam> seams = new ArrayList<>();
        for (int k = 1; k < steps.size(); k++) {
            ExportDescriptor previous = steps.get(k - 1).export();
            ExportDescriptor next = steps.get(k).export();
            Instant from = next.summary().exportFromTime();
            if (from != null && !from.equals(previous.stateTime())) {
                seams.add(new Seam(k, previous, next, previous.stateTime(), from));
            }
        }
        return seams;
    }

    /** The gaps of the chain: writes no export holds, possibly lost (empty unless gaps were allowed). */
    public List<Seam> gaps() {
        return seams().stream().filter(Seam::isGap).toList();
    }

    /** Whether the chain starts with a FULL export (and so gives a whole table's state). */
    public boolean startsWithFull() {
        return steps.get(0).export().type() == dev.pitr.manifest.ExportType.FULL_EXPORT;
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
