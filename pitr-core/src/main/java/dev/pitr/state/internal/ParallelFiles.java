package dev.pitr.state.internal;

import dev.pitr.PitrException;
import dev.pitr.manifest.DataFile;
import dev.pitr.plan.RestorePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Reads one export's data files on a pool of its own, each file by one thread, and waits for
 * all: how the on-disk states take an export in. A failure in any file is rethrown as it was.
 */
public final class ParallelFiles {
    private ParallelFiles() {
    }

    /** Reads a file; called once per file, on a pool thread. */
    @FunctionalInterface
    public interface FileReader {
        /** Reads {@code file} of {@code step}, returning how many records it held. */
        long read(RestorePlan.Step step, DataFile file);
    }

    /**
     * Reads every data file of {@code step} with up to {@code threads} threads; each thread gets
     * its own reader from {@code perThread} (so readers may keep buffers).
     *
     * @return the records of all files
     */
    public static long read(RestorePlan.Step step, int threads, String threadName, Supplier<FileReader> perThread) {
        ConcurrentLinkedQueue<DataFile> files = new ConcurrentLinkedQueue<>(step.export().dataFiles());
        AtomicLong records = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int i = 0; i < Math.min(threads, step.export().dataFiles().size()); i++) {
                tasks.add(pool.submit(() -> {
                    FileReader reader = perThread.get();
                    for (DataFile f = files.poll(); f != null; f = files.poll()) {
                        records.addAndGet(reader.read(step, f));
                    }
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
            return records.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PitrException("Interrupted while reading export " + step.export().exportId(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new PitrException("Cannot read export "
                    + step.export().exportId() + ": " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
