package dev.pitr.spark.internal;

import dev.pitr.manifest.DataFile;
import dev.pitr.plan.ChainPlanner;
import dev.pitr.plan.RestorePlan;
import dev.pitr.source.ExportSource;
import dev.pitr.spark.ClientFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.jspecify.annotations.Nullable;

/**
 * The driver's view of the chain: the exports opened and planned in order as a restore plans them
 * (gaps refused unless allowed, overlaps applied in order of end time, {@code until} honoured),
 * and one read task per data file their manifests list.
 *
 * @param plan  the chain in the order it applies
 * @param tasks one per data file, in chain order
 * @param files each task's data file, by its index, as messages name it
 */
public record ChainInput(RestorePlan plan, List<FileTask> tasks, List<String> files) {

    /** This input less the exports before {@code step} (applied already). */
    public ChainInput from(int step) {
        return new ChainInput(plan, tasks.stream().filter(t -> t.step() >= step).toList(), files);
    }

    /** Records the tasks read, as the manifests count them. */
    public long records() {
        return tasks.stream().mapToLong(FileTask::items).sum();
    }

    /** Opens and plans the exports at {@code uris}. */
    public static ChainInput plan(List<String> uris, ClientFactory clients, Supplier<Configuration> hadoop,
                                  boolean allowGaps, @Nullable Instant until) {
        Map<ExportSource, String> uriOf = new IdentityHashMap<>();
        List<RestorePlan.Step> steps = new ArrayList<>();
        for (String uri : uris) {
            ExportRefs.Opened opened = ExportRefs.open(uri, clients, hadoop);
            uriOf.put(opened.source(), uri);
            steps.add(new RestorePlan.Step(opened.source(), opened.export()));
        }
        RestorePlan plan = new ChainPlanner().allowGaps(allowGaps).until(until).plan(steps);
        List<FileTask> tasks = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (int k = 0; k < plan.steps().size(); k++) {
            RestorePlan.Step step = plan.steps().get(k);
            for (DataFile f : step.export().dataFiles()) {
                tasks.add(new FileTask(k, files.size(), uriOf.get(step.source()), step.export().exportArn(), f.key(),
                        f.itemCount()));
                files.add(step.source().nameOf(f.key()));
            }
        }
        return new ChainInput(plan, List.copyOf(tasks), List.copyOf(files));
    }
}
