package dev.pitr.dynamodb.restore;

import dev.pitr.PitrRestorer;
import dev.pitr.RestoreListener;
import dev.pitr.RestoreReport;
import dev.pitr.checkpoint.Checkpoint;
import dev.pitr.checkpoint.CheckpointPolicy;
import dev.pitr.checkpoint.FileCheckpointStore;
import dev.pitr.dynamodb.DynamoDbCheckpointStore;
import dev.pitr.dynamodb.DynamoDbItemSink;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.source.LocalExportSource;
import dev.pitr.testing.dynamodb.DynamoDbLocal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The restore that {@link CrashResumeTest} runs in a child JVM and kills. Arguments: DynamoDB
 * port, table, checkpoint folder (or {@code dynamodb://<table>}), export folders. Prints markers the
 * test waits for.
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        String table = args[1];
        try (DynamoDbAsyncClient client = DynamoDbAsyncClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(DynamoDbLocal.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(DynamoDbLocal.CREDENTIALS))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .build();
             // The rate limit, not the machine's speed, sets how long the restore takes, so the
             // test can kill it ten times before it ends however fast decoding and writing get.
             DynamoDbItemSink sink = DynamoDbItemSink.builder().client(client).tableName(table)
                     .maxWriteCapacityUnitsPerSecond(400).maxInFlightRequests(4).build()) {
            dev.pitr.PitrRestorerBuilder b = PitrRestorer.builder().sink(sink)
                    .checkpointStore(args[2].startsWith("dynamodb://")
                            ? DynamoDbCheckpointStore.create(client, args[2].substring("dynamodb://".length()))
                                    .createTableIfMissing()
                            : FileCheckpointStore.in(Path.of(args[2])))
                    .checkpointPolicy(CheckpointPolicy.everyOperations(150).or(CheckpointPolicy.periodic(Duration.ofMillis(200))))
                    // The run before this one was killed without releasing its lease: this run
                    // takes it over at once, since the holder's process is gone from this host,
                    // well before the lease would lapse.
                    .leaseTimeout(Duration.ofMinutes(10))
                    .readerThreads(2)
                    .listener(new RestoreListener() {
                        @Override
                        public void exportStarted(ExportDescriptor export, int index, int count) {
                            say("EXPORT_STARTED " + index);
                        }

                        @Override
                        public void exportFinished(RestoreReport.ExportReport report) {
                            say("EXPORT_FINISHED " + report.exportId());
                        }

                        @Override
                        public void checkpointSaved(Checkpoint checkpoint) {
                            say("CHECKPOINT " + checkpoint.exportIndex() + " " + checkpoint.files().size());
                        }
                    });
            for (int i = 3; i < args.length; i++) {
                b.export(LocalExportSource.of(Path.of(args[i])));
            }
            say("RUNNING");
            RestoreReport report = b.build().run();
            say("DONE " + report.status());
            System.exit(0);
        } catch (Throwable t) {
            say("FAILED " + t);
            t.printStackTrace(System.out);
            System.exit(1);
        }
    }

    private static void say(String line) {
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }
}
