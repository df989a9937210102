package dev.pitr.plan;

import org.jspecify.annotations.Nullable;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.manifest.ExportType;
import dev.pitr.plan.RestorePlan.Step;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Orders exports into a chain and refuses chains that would lose or reorder writes.
 *
 * <p>Rules: all exports are of one table; at most one FULL export, and it comes first;
 * incrementals are applied in order of their end time ({@code exportToTime}), whatever order they
 * were given in. Each window must start at or before the time the chain has reached (the FULL
 * export's {@code exportTime}, then each {@code exportToTime}) and end after it:
 * <ul>
 *   <li>an <b>overlap</b> (a window that starts earlier) is safe and accepted: an incremental export
 *       holds each changed key's state at the window's end, so applying window {@code [a, b)} to
 *       the state at any time in {@code [a, b]} gives the state at {@code b};
 *   <li>a <b>gap</b> (a window that starts later) would lose the writes in between: it is refused,
 *       naming its length and the remedies, unless gaps are {@linkplain #allowGaps allowed}, and
 *       then the plan lists it ({@link RestorePlan#gaps()}).
 * </ul>
 * A real FULL export is taken at any instant while incremental windows sit on a grid, so the
 * common remedy for the gap after it is an incremental window that starts before the FULL
 * export's time. An "until" time keeps the prefix of the chain that ends at that time, which
 * must be a boundary.
 */
public final class ChainPlanner {
    /** The shortest window an incremental export can have. */
    private static final Duration MIN_WINDOW = Duration.ofMinutes(15);
    private boolean allowGaps;
    private @Nullable Instant until;

    /** Apply chains with gaps, whose missing writes the plan then names (default: refused). */
    public ChainPlanner allowGaps(boolean allow) {
        this.allowGaps = allow;
        return this;
    }

    /** Apply only the prefix of the chain whose state time is {@code until}; {@code null} for all. */
    public ChainPlanner until(@Nullable Instant until) {
        this.until = until;
        return this;
    }

    /**
     * Plans {@code steps}.
     *
     * @throws ChainException naming the exports and times at fault
     */
    public RestorePlan plan(List<Step> steps) {
        if (steps.isEmpty()) {
            throw new ChainException("No exports to apply");
        }
        Set<String> arns = new HashSet<>();
        for (Step s : steps) {
            if (!arns.add(s.export().exportArn())) {
                throw new ChainException("Export " + describe(s.export()) + " is given twice");
            }
        }
        String table = steps.get(0).export().tableArn();
        for (Step s : steps) {
            if (!s.export().tableArn().equals(table)) {
                throw new ChainException("Exports of different tables: " + describe(steps.get(0).export())
                        + " is of " + table + ", " + describe(s.export()) + " is of " + s.export().tableArn());
            }
        }
        List<Step> fulls = steps.stream().filter(s -> s.export().type() == ExportType.FULL_EXPORT).toList();
        if (fulls.size() > 1) {
            throw new ChainException("Two FULL exports: " + describe(fulls.get(0).export()) + " and "
                    + describe(fulls.get(1).export()) + "; a chain has at most one, first");
        }
        List<Step> incrementals = new ArrayList<>(steps.stream()
                .filter(s -> s.export().type() == ExportType.INCREMENTAL_EXPORT).toList());
        incrementals.sort(Comparator.comparing((Step s) -> s.export().summary().exportToTime())
                .thenComparing(s -> s.export().summary().exportFromTime()));

        List<Step> ordered = new ArrayList<>();
        Instant at = null;
        ExportDescriptor previous = null;
        if (!fulls.isEmpty()) {
            ordered.add(fulls.get(0));
            previous = fulls.get(0).export();
            at = previous.stateTime();
        }
        for (Step s : incrementals) {
            Instant from = s.export().summary().exportFromTime();
            Instant to = s.export().summary().exportToTime();
            if (previous != null) {
                if (!to.isAfter(at)) {
                    throw new ChainException(previous.type() == ExportType.FULL_EXPORT && ordered.size() == 1
                            ? "FULL export " + describe(previous) + " is not first: incremental " + describe(s.export())
                                    + " ends at " + to + ", before the FULL export's time " + at + "; leave it out"
                            : "Export " + describe(s.export()) + " ends at " + to + ", inside what the chain already"
                                    + " covers (up to " + at + ", with " + describe(previous) + "); leave it out");
                }
                if (from.isAfter(at) && !allowGaps) {
                    throw gap(previous, s.export(), at, from);
                }
            }
            ordered.add(s);
            previous = s.export();
            at = to;
        }
        if (until != null) {
            ordered = prefixUntil(ordered, until);
        }
        return new RestorePlan(ordered);
    }

    /**
     * The gap between the time the chain reached with {@code previous} and {@code next}'s window,
     * with its length and the two ways to close it.
     */
    private static ChainException gap(ExportDescriptor previous, ExportDescriptor next, Instant at, Instant from) {
        Instant windowStart = from.minus(MIN_WINDOW);
        if (windowStart.isAfter(at)) {
            windowStart = at.truncatedTo(ChronoUnit.MINUTES);
        }
        return new ChainException("Gap in the chain: " + describe(previous) + " reaches " + at + " but "
                + describe(next) + " starts at " + from + ": the writes of those "
                + dev.pitr.internal.HumanDuration.format(Duration.between(at, from)) + " are in no export and would be lost."
                + " To close it, add an incremental export whose window starts at or before " + at
                + " and ends at or after " + from + " (for example " + windowStart + " to " + from
                + "; windows may overlap), or take a FULL export at " + from
                + " (ExportTableToPointInTime accepts any time in the PITR window). To apply the chain anyway,"
                + " knowing those writes may be missing, allow gaps (--allow-gap, or allowGaps(true))");
    }

    private static List<Step> prefixUntil(List<Step> ordered, Instant until) {
        TreeSet<Instant> boundaries = new TreeSet<>();
        for (int i = 0; i < ordered.size(); i++) {
            Instant t = ordered.get(i).export().stateTime();
            boundaries.add(t);
            if (t.equals(until)) {
                return ordered.subList(0, i + 1);
            }
        }
        throw new ChainException("Cannot restore until " + until + ": it is not an export boundary. The chain's"
                + " boundaries are " + boundaries);
    }

    private static String describe(ExportDescriptor e) {
        return e.type() == ExportType.FULL_EXPORT
                ? e.exportId() + " (FULL at " + e.stateTime() + ")"
                : e.exportId() + " (INCREMENTAL " + e.summary().exportFromTime() + " to " + e.summary().exportToTime() + ")";
    }
}
