package dev.pitr.dynamodb.restore;

import static dev.pitr.dynamodb.restore.RestoreChains.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.manifest.OutputFormat;
import dev.pitr.testing.Compression;
import dev.pitr.testing.ExportGenerator;
import dev.pitr.testing.GeneratedChain;
import dev.pitr.testing.GeneratedExport;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import dev.pitr.testing.dynamodb.DynamoDbLocalExtension;
import dev.pitr.testing.dynamodb.ExpectedTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: the restore runs in a child JVM that is killed with SIGKILL at random moments
 * and right at export handovers, then started again from its file checkpoint, until it
 * finishes. The table must end exactly as the generator says: nothing lost, and nothing brought
 * back by an older export replayed over a newer one.
 *
 * <p>{@code -Dpitr.crash.kills=N} asks for more kills (the {@code soak} profile sets 40).
 */
@ExtendWith(DynamoDbLocalExtension.class)
class CrashResumeTest {
    private static final int KILLS = Integer.getInteger("pitr.crash.kills", 10);

    @TempDir
    Path dir;

    @Test
    void restore_killedAgainAndAgain_endsWithExactlyTheExpectedTable(DynamoDbLocal dynamo) throws Exception {
        ExportGenerator g = RestoreChains.generator(dir.resolve("bucket"), OutputFormat.DYNAMODB_JSON, Compression.GZIP, 11);
        GeneratedChain chain = RestoreChains.chain(g, 4_000);
        String table = DynamoDbLocal.uniqueTableName("crash");
        dynamo.createTable(table, SCHEMA);
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                Integer.toString(dynamo.port()), table, dir.resolve("checkpoints").toString()));
        for (GeneratedExport e : chain.exports()) {
            command.add(e.exportDir().toString());
        }

        Random random = new Random(20261121);
        int kills = 0;
        int handoverKills = 0;
        int runs = 0;
        String outcome = null;
        while (outcome == null) {
            runs++;
            assertThat(runs).as("runs before the restore finished").isLessThan(KILLS + 20);
            Child child = Child.start(command);
            if (kills >= KILLS) {
                outcome = child.awaitExit(180);
                break;
            }
            // Kills 1 and 2, then every third, land right after an export hands over to the next;
            // the others at a random moment of the run. The chain has three handovers and its
            // incremental exports are small: a random-moment run can get through all of them, so
            // two handover kills come one after the other while the chain is still early.
            boolean atHandover = kills == 1 || kills == 2 || kills % 3 == 1;
            String seen = atHandover
                    ? child.awaitLine(l -> l.startsWith("EXPORT_FINISHED") || l.startsWith("DONE"), 60)
                    : child.awaitLine(l -> l.startsWith("CHECKPOINT") || l.startsWith("DONE"), 60);
            if (!atHandover) {
                child.awaitLineOrTimeout(l -> l.startsWith("DONE"), 150 + random.nextInt(900));
            }
            if (child.destroyIfAlive()) {
                kills++;
                if (atHandover && seen != null && seen.startsWith("EXPORT_FINISHED")) {
                    handoverKills++;
                }
            } else {
                outcome = child.exitOutcome();
            }
        }

        assertThat(outcome).as("the last run's end").startsWith("exit 0");
        assertThat(kills).isGreaterThanOrEqualTo(KILLS);
        assertThat(handoverKills).isGreaterThanOrEqualTo(2);
        assertThat(ExpectedTable.of(SCHEMA, g.expectedState()).differences(dynamo.syncClient(), table)).isEmpty();
    }

    @Test
    void restore_ofA5000FileExport_checkpointedInDynamoDb_killedOnce_resumesExactly(DynamoDbLocal dynamo)
            throws Exception {
        // Large exports have thousands of data files: the checkpoint of one in progress names
        // each, past the 400 KB a DynamoDB item holds once a few thousand are listed.
        ExportGenerator g = ExportGenerator.builder().bucketRoot(dir.resolve("bucket")).prefix("many")
                .keySchema(SCHEMA).filesPerExport(5_000).emptyFileFraction(0.1).seed(5_000).build();
        GeneratedExport full = g.full(7_000, RestoreChains.T0);
        String table = DynamoDbLocal.uniqueTableName("many-files");
        dynamo.createTable(table, SCHEMA);
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                Integer.toString(dynamo.port()), table, "dynamodb://" + DynamoDbLocal.uniqueTableName("many-checkpoints"),
                full.exportDir().toString()));

        Child first = Child.start(command);
        String big = first.awaitLine(l -> l.startsWith("CHECKPOINT 0 ") && files(l) >= 3_500 || l.startsWith("DONE")
                || l.startsWith("FAILED"), 180);
        assertThat(big).as("a checkpoint naming 3,500 files or more").isNotNull().startsWith("CHECKPOINT 0 ");
        assertThat(first.destroyIfAlive()).as("killed mid-export").isTrue();
        assertThat(dynamo.countItems(table)).isPositive().isLessThan(full.itemCount());

        String outcome = Child.start(command).awaitExit(180);

        assertThat(outcome).startsWith("exit 0").contains("DONE COMPLETED");
        assertThat(ExpectedTable.of(SCHEMA, g.expectedState()).differences(dynamo.syncClient(), table)).isEmpty();
    }

    private static int files(String checkpointLine) {
        return Integer.parseInt(checkpointLine.substring(checkpointLine.lastIndexOf(' ') + 1));
    }

    /** A child JVM whose output lines are queued for the test to wait on. */
    private static final class Child {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> all = new ArrayList<>();

        private Child(Process process) {
            this.process = process;
            Thread pump = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the child was killed
                }
            }, "crash-child-output");
            pump.setDaemon(true);
            pump.start();
        }

        static Child start(List<String> command) throws IOException {
            return new Child(new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        /** Waits for a line matching {@code wanted}; null when the child ended or time ran out. */
        String awaitLine(java.util.function.Predicate<String> wanted, int seconds) throws InterruptedException {
            return awaitLineOrTimeout(wanted, TimeUnit.SECONDS.toMillis(seconds));
        }

        String awaitLineOrTimeout(java.util.function.Predicate<String> wanted, long millis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                String line = lines.poll(left, TimeUnit.NANOSECONDS);
                if (line == null) {
                    return null;
                }
                all.add(line);
                if (wanted.test(line)) {
                    return line;
                }
            }
        }

        /** SIGKILLs the child if it still runs; true when it did. */
        boolean destroyIfAlive() throws InterruptedException {
            if (!process.isAlive()) {
                return false;
            }
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            return true;
        }

        String awaitExit(int seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "timed out: " + tail();
            }
            return exitOutcome();
        }

        String exitOutcome() throws InterruptedException {
            process.waitFor(30, TimeUnit.SECONDS);
            awaitLineOrTimeout(l -> false, 200);
            return "exit " + process.exitValue() + ": " + tail();
        }

        private String tail() {
            lines.drainTo(all);
            return String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
        }
    }
}
