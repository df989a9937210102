package dev.pitr.examples;

import dev.pitr.PitrRestorer;
import dev.pitr.RestoreReport;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stops a running restore cleanly on Ctrl-C or SIGTERM: a shutdown hook calls
 * {@link PitrRestorer#close()}, which makes {@code run()} stop its readers, save the checkpoint
 * and throw; the hook then holds the JVM until the command has printed why it stopped. SIGKILL
 * cannot be caught: the last periodic checkpoint is what a rerun resumes from.
 */
final class StopOnSignal implements AutoCloseable {
    /** How long the hook waits for the restore to save its checkpoint and the command to end. */
    private static final long GRACE_SECONDS = 60;

    private final Thread hook;

    private StopOnSignal(Thread hook) {
        this.hook = hook;
    }

    /**
     * Runs {@code restorer} with the hook installed, and removes it once {@code run()} returns.
     *
     * @param commandDone counted down once the command has printed its last line
     */
    static RestoreReport run(PitrRestorer restorer, CountDownLatch commandDone, PrintWriter err) {
        return run(restorer::run, restorer, "stopping and saving a checkpoint", commandDone, err);
    }

    /**
     * Runs {@code body} with a hook installed that closes {@code stopper} (which makes the body
     * stop and throw) and prints {@code doing}; removes the hook once the body returns.
     *
     * @param commandDone counted down once the command has printed its last line
     */
    static <T> T run(java.util.function.Supplier<T> body, AutoCloseable stopper, String doing,
                     CountDownLatch commandDone, PrintWriter err) {
        StopOnSignal stop = install(stopper, doing, commandDone, err);
        try {
            return body.get();
        } finally {
            stop.close();
        }
    }

    /**
     * Installs the hook.
     *
     * @param commandDone counted down once the command has printed its last line
     */
    private static StopOnSignal install(AutoCloseable stopper, String doing, CountDownLatch commandDone,
                                        PrintWriter err) {
        Thread hook = new Thread(() -> {
            err.println("pitr: signal received: " + doing);
            err.flush();
            try {
                stopper.close();
            } catch (Exception e) {
                err.println("pitr: could not stop cleanly: " + e);
            }
            try {
                commandDone.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pitr-stop-on-signal");
        Runtime.getRuntime().addShutdownHook(hook);
        return new StopOnSignal(hook);
    }

    /** Removes the hook once the restore has returned (unless the JVM is already shutting down). */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it waits for the command to finish
        }
    }
}
