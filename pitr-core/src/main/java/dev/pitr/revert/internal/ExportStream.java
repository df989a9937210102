package dev.pitr.revert.internal;

import dev.pitr.decode.DataFileReader;
import dev.pitr.decode.DecodeOptions;
import dev.pitr.manifest.DataFile;
import dev.pitr.model.Change;
import dev.pitr.model.KeySchema;
import dev.pitr.plan.RestorePlan;
import dev.pitr.state.internal.StateKeys;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A window of one export, streamed: its records in the manifest's file order and each file's line
 * order, with nothing kept on disk. One export holds each key once, and its record has both
 * images. Positions count records from the first file; a run that resumes after position
 * {@code n} skips whole files by the manifest's counts and reads on from there.
 */
public final class ExportStream implements WindowChanges {
    private final RestorePlan.Step step;
    private final KeySchema schema;
    private final DecodeOptions options;
    private final List<DataFile> files;
    private final long after;
    private int nextFile;
    private long position;
    private @Nullable DataFileReader reader;
    private @Nullable Change change;

    /**
     * Streams {@code step}'s export, from the record after position {@code after} (0 for all).
     */
    public ExportStream(RestorePlan.Step step, KeySchema schema, DecodeOptions options, long after) {
        this.step = step;
        this.schema = schema;
        this.options = options;
        this.files = step.export().dataFiles();
        this.after = after;
        while (nextFile < files.size() && position + files.get(nextFile).itemCount() <= after) {
            position += files.get(nextFile).itemCount(); // decided by an earlier run: not read again
            nextFile++;
        }
    }

    @Override
    public boolean next() {
        while (true) {
            if (reader == null) {
                if (nextFile == files.size()) {
                    change = null;
                    return false;
                }
                reader = DataFileReader.open(step.source(), step.export(), files.get(nextFile++), options);
            }
            Change c = reader.nextChange(); // null once the file's count and checksum are verified
            if (c == null) {
                reader.close();
                reader = null;
                continue;
            }
            position++;
            if (position > after) {
                change = c;
                return true;
            }
        }
    }

    @Override
    public Change change() {
        if (change == null) {
            throw new IllegalStateException("no current key");
        }
        return change;
    }

    @Override
    public byte[] keyBytes() {
        return StateKeys.of(change().key(), schema);
    }

    @Override
    public long keysTotal() {
        return files.stream().mapToLong(DataFile::itemCount).sum();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
