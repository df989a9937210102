package dev.pitr.spark.internal;

import dev.pitr.decode.DataFileReader;
import dev.pitr.decode.DecodeOptions;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.model.WriteOp;
import dev.pitr.spark.ClientFactory;
import dev.pitr.state.internal.StateKeys;
import dev.pitr.write.OperationKeys;
import dev.pitr.write.internal.DynamoDbJson;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SerializableWritable;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.jspecify.annotations.Nullable;
import scala.Tuple2;

/**
 * The read stage's task: decodes one data file with pitr-core's reader (checksum and line count
 * checked at its end, as in a restore) into one keyed record per line, streamed: a file is never
 * held in memory. A file that fails its checks fails the task, and Spark's retry reads it again.
 */
public final class FileDecoder implements PairFlatMapFunction<FileTask, StateKey, KeyRecord> {
    private static final long serialVersionUID = 1L;

    private final ClientFactory clients;
    private final Broadcast<SerializableWritable<Configuration>> hadoop;
    private final SchemaValue schema;
    private final int maxLineBytes;
    private final boolean verifyChecksums;

    public FileDecoder(ClientFactory clients, Broadcast<SerializableWritable<Configuration>> hadoop, SchemaValue schema,
                       DecodeOptions options) {
        this.clients = clients;
        this.hadoop = hadoop;
        this.schema = schema;
        this.maxLineBytes = options.maxLineBytes();
        this.verifyChecksums = options.verifyChecksums();
    }

    @Override
    public Iterator<Tuple2<StateKey, KeyRecord>> call(FileTask task) {
        ExportRefs.Opened opened = ExportRefs.cached(task.exportUri(), task.exportArn(), clients, () -> hadoop.value().value());
        DecodeOptions options = new DecodeOptions(maxLineBytes, 0, verifyChecksums);
        DataFileReader reader = DataFileReader.open(opened.source(), opened.export(), opened.file(task.key()), options);
        TaskContext context = TaskContext.get();
        if (context != null) {
            context.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) c -> reader.close()); // also when the task fails midway
        }
        return new Records(reader, task, schema.schema());
    }

    /** The file's records, one line at a time; closes the reader at the end. */
    private static final class Records implements Iterator<Tuple2<StateKey, KeyRecord>> {
        private final DataFileReader reader;
        private final FileTask task;
        private final KeySchema schema;
        private final DynamoDbJson json = new DynamoDbJson();
        private @Nullable WriteOp next;
        private boolean done;

        Records(DataFileReader reader, FileTask task, KeySchema schema) {
            this.reader = reader;
            this.task = task;
            this.schema = schema;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                next = reader.next();
                if (next == null) {
                    done = true;
                    reader.close();
                }
            }
            return next != null;
        }

        @Override
        public Tuple2<StateKey, KeyRecord> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            WriteOp op = next;
            next = null;
            Key key = OperationKeys.keyOf(op, schema);
            json.reset();
            json.item(op instanceof WriteOp.Put p ? p.item().attributes() : key.attributes());
            KeyRecord record = new KeyRecord(task.step(), op instanceof WriteOp.Put, json.toByteArray(), task.file(),
                    op.origin().line());
            return new Tuple2<>(new StateKey(StateKeys.of(key, schema)), record);
        }
    }
}
