package dev.pitr.plan;

import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.manifest.ExportType;
import dev.pitr.plan.RestorePlan.Step;
import java.time.Instant;
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
 * incrementals are ordered by {@code exportFromTime} whatever order they were given in; each
 * window starts exactly where the previous export ends (the FULL's {@code exportTime}, then each
 * {@code exportToTime}). A gap would silently lose writes and is always refused; an overlap is
 * refused unless allowed (replaying the overlap is safe only because each incremental export
 * holds the last state of each key it touches). An "until" time keeps the prefix of the chain
 * that ends at that time, which must be a boundary.
 */
public final class ChainPlanner {
    private boolean allowOverlap;
    private Instant until;

    /** Accept incrementals whose windows overlap the previous export (default: refused). */
    public ChainPlanner allowOverlap(boolean allow) {
        this.allowOverlap = allow;
        return this;
    }

    /** Apply only the prefix of the chain whose state time is {@code until}; {@code null} for all. */
    public ChainPlanner until(Instant until) {
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
        incrementals.sort(Comparator.comparing((Step s) -> s.export().summary().exportFromTime())
                .thenComparing(s -> s.export().summary().exportToTime()));

        List<Step> ordered = new ArrayList<>();
        Instant at = null;
        ExportDescriptor previous = null;
        if (!fulls.isEmpty()) {
            ordered.add(fulls.get(0));
            previous = fulls.get(0).export();
            at = previous.stateTime();
            if (!incrementals.isEmpty()
                    && incrementals.get(0).export().summary().exportFromTime().isBefore(at)
                    && !incrementals.get(0).export().summary().exportToTime().isAfter(at)) {
                throw new ChainException("FULL export " + describe(previous) + " is not first: incremental "
                        + describe(incrementals.get(0).export()) + " ends at "
                        + incrementals.get(0).export().summary().exportToTime() + ", before the FULL export's time "
                        + at);
            }
        }
        for (Step s : incrementals) {
            Instant from = s.export().summary().exportFromTime();
            if (previous != null) {
                if (from.isAfter(at)) {
                    throw new ChainException("Gap in the chain: " + describe(previous) + " ends at " + at + " but "
                            + describe(s.export()) + " starts at " + from + "; the writes of [" + at + ", " + from
                            + ") would be lost. Export that window too.");
                }
                if (from.isBefore(at)) {
                    if (!allowOverlap) {
                        throw new ChainException("Overlap in the chain: " + describe(previous) + " ends at " + at
                                + " but " + describe(s.export()) + " starts at " + from
                                + "; allow overlaps explicitly to apply it anyway");
                    }
                    if (!s.export().summary().exportToTime().isAfter(at)) {
                        throw new ChainException("Export " + describe(s.export()) + " ends at "
                                + s.export().summary().exportToTime() + ", inside what " + describe(previous)
                                + " already covers (up to " + at + ")");
                    }
                }
            }
            ordered.add(s);
            previous = s.export();
            at = s.export().summary().exportToTime();
        }
        if (until != null) {
            ordered = prefixUntil(ordered, until);
        }
        return new RestorePlan(ordered);
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
