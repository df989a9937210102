package dev.pitr.benchmarks;

import dev.pitr.manifest.OutputFormat;
import dev.pitr.model.KeySchema;
import dev.pitr.testing.ItemShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Spark job as users start it without a cluster: {@code java -jar pitr-spark-app.jar --master
 * local[N] restore ...} of a generated FULL export into the loopback {@link StubDynamoDb}. One
 * invocation is one whole run, JVM and Spark start-up included; with {@code items=4} it is the
 * start-up cost alone, and the job's own rate is {@code (items - 4) / (t(items) - t(4))}.
 *
 * <p>The runnable jar is built by pitr-spark ({@code mvn -B -ntp -pl pitr-spark,benchmarks -am
 * package -DskipTests}); {@code -Dpitr.spark.app.jar} finds it elsewhere than
 * {@code pitr-spark/target/pitr-spark-app.jar} under the working folder.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class SparkJobBenchmark {
    /** Spark's master: local threads. */
    @Param({"local[1]", "local[2]"})
    public String master;

    /** Items in the FULL export (4, the fewest the generator writes: the start-up cost). */
    @Param({"4", "200000"})
    public int items;

    private Path export;
    private Path jar;
    private StubDynamoDb stub;

    @Setup
    public void setUp() {
        jar = Path.of(System.getProperty("pitr.spark.app.jar", "pitr-spark/target/pitr-spark-app.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No " + jar + ": build pitr-spark first (mvn -B -ntp -pl pitr-spark,benchmarks"
                    + " -am package -DskipTests), or give -Dpitr.spark.app.jar=...");
        }
        export = BenchExports.export(OutputFormat.DYNAMODB_JSON, ItemShape.SMALL, ExportKind.FULL, items,
                Math.min(items / 4, 8));
        stub = StubDynamoDb.start(KeySchema.of("pk", KeySchema.ScalarType.S), 1, true);
    }

    @TearDown
    public void tearDown() {
        stub.close();
    }

    /** One whole run of the job; checks that every item reached the stub. */
    @Benchmark
    public long job() throws IOException, InterruptedException {
        long before = stub.puts();
        Path work = Files.createTempDirectory("pitr-spark-bench");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-jar", jar.toString(), "--master", master, "restore", "--table", StubDynamoDb.TABLE,
                "--region", "us-east-1", "--dynamodb-endpoint", stub.endpoint().toString(), "--export", export.toString(),
                "--checkpoint", work.resolve("checkpoints").toString()));
        ProcessBuilder b = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(work.resolve("out").toFile()).redirectError(work.resolve("err").toFile());
        b.environment().put("AWS_ACCESS_KEY_ID", "bench");
        b.environment().put("AWS_SECRET_ACCESS_KEY", "bench");
        b.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        int exit = b.start().waitFor();
        long delivered = stub.puts() - before;
        if (exit != 0 || delivered != items) {
            throw new IllegalStateException("the job exited " + exit + " with " + delivered + " of " + items
                    + " items delivered:\n" + Files.readString(work.resolve("err")));
        }
        return delivered;
    }
}
