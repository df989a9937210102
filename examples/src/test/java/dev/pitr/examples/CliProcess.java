package dev.pitr.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The shaded {@code pitr-cli.jar} running as a separate JVM, as a user runs it: its stdout and
 * stderr collected line by line so a test can wait for a line, kill the process, and read what
 * it printed.
 */
final class CliProcess {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final Thread outPump;
    private final Thread errPump;

    private CliProcess(Process process) {
        this.process = process;
        this.outPump = pump(process.getInputStream(), out, "cli-stdout");
        this.errPump = pump(process.getErrorStream(), err, "cli-stderr");
    }

    /** The jar the build made: failsafe passes its path, {@code target/pitr-cli.jar} otherwise. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("pitr.cli.jar", "target/pitr-cli.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No " + jar + ": these tests run after package (mvn verify)");
        }
        return jar;
    }

    /**
     * Starts {@code java -jar pitr-cli.jar args} in {@code workDir} with {@code env} added to a
     * clean AWS environment: no profile files, no instance metadata.
     */
    static CliProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar().toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return exec(workDir, env, command);
    }

    /**
     * Starts {@code command} (a program, such as an installed {@code bin/pitr}, and its arguments)
     * in {@code workDir} with {@code env} added to a clean AWS environment.
     */
    static CliProcess exec(Path workDir, Map<String, String> env, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(k -> k.startsWith("AWS_"));
        environment.put("AWS_CONFIG_FILE", workDir.resolve("no-aws-config").toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", workDir.resolve("no-aws-credentials").toString());
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        environment.putAll(env);
        return new CliProcess(builder.start());
    }

    /** Runs the command to its end (at most two minutes) and returns what it did. */
    static Result run(Path workDir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return start(workDir, env, args).await(DEFAULT_TIMEOUT);
    }

    private static Thread pump(InputStream in, List<String> lines, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process ended or was killed
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Waits until a stderr line matches {@code wanted}.
     *
     * @return the line, or {@code null} when the process ended first or time ran out
     */
    String awaitStderrLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        synchronized (err) {
            while (true) {
                for (; seen < err.size(); seen++) {
                    if (wanted.test(err.get(seen))) {
                        return err.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !errPump.isAlive())) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(err, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
        }
    }

    /** SIGKILL: no shutdown hook runs, as when a machine dies. */
    Result kill() throws InterruptedException {
        process.destroyForcibly();
        return await(Duration.ofSeconds(30));
    }

    /**
     * SIGTERM, as Ctrl-C or a container stop: the shutdown hook runs. Sent through the process
     * handle, because {@link Process#destroy()} also closes the pipes and what the process prints
     * while it stops would be lost.
     */
    Result terminate() throws InterruptedException {
        process.toHandle().destroy();
        return await(Duration.ofSeconds(90));
    }

    /** Waits for the end; kills the process and fails when it runs longer than {@code timeout}. */
    Result await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            outPump.join(5_000);
            errPump.join(5_000);
            throw new AssertionError("pitr did not finish within " + timeout + "; stderr:\n" + String.join("\n", copy(err)));
        }
        outPump.join(10_000);
        errPump.join(10_000);
        return new Result(process.exitValue(), copy(out), copy(err));
    }

    private static List<String> copy(List<String> lines) {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /**
     * How a run ended.
     *
     * @param exitCode the exit code
     * @param stdout   stdout lines
     * @param stderr   stderr lines
     */
    record Result(int exitCode, List<String> stdout, List<String> stderr) {
        /** The last stderr line: why the command ended. */
        String lastStderrLine() {
            return stderr.isEmpty() ? "" : stderr.get(stderr.size() - 1);
        }

        /** Stdout as one string. */
        String stdoutText() {
            return String.join("\n", stdout);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + String.join("\n", stdout) + "\n--- stderr\n"
                    + String.join("\n", stderr);
        }
    }
}
