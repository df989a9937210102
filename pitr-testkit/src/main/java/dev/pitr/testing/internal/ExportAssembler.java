package dev.pitr.testing.internal;

import dev.pitr.manifest.internal.ManifestWriter;
import dev.pitr.manifest.ExportType;
import dev.pitr.manifest.OutputFormat;
import dev.pitr.manifest.OutputView;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.WriteOp;
import dev.pitr.testing.Changes;
import dev.pitr.testing.GeneratedDataFile;
import dev.pitr.testing.GeneratedExport;
import dev.pitr.testing.GeneratedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes exports for an {@link dev.pitr.testing.ExportGenerator}: plans the files, draws the
 * changes from the {@link TableLedger}, streams the lines through a {@link RecordWriter} and
 * writes the manifests. Keeps the expected table content when asked to.
 */
public final class ExportAssembler {
    private static final Logger LOG = LoggerFactory.getLogger(ExportAssembler.class);
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final long EXPORT_STREAM = 3;
    private static final long TABLE_STREAM = 4;
    private static final int UPDATE = 0;
    private static final int DELETE = 1;
    private static final int INSERT = 2;
    private static final int REINSERT = 3;

    private final GeneratorSettings s;
    private final ItemFactory items;
    private final TableLedger ledger = new TableLedger();
    private final Map<Key, Item> state;
    private final Set<String> usedNames = new HashSet<>();
    private final String tableId;
    private int exports;

    /** An assembler for a new, empty table. */
    public ExportAssembler(GeneratorSettings settings) {
        this.s = settings;
        this.items = new ItemFactory(settings.seed(), settings.keySchema(), settings.itemShape());
        this.state = settings.trackState() ? new LinkedHashMap<>() : null;
        this.tableId = new UUID(Seeds.hash(settings.seed(), TABLE_STREAM, 0, 0) & ~0xf000L | 0x4000L,
                Seeds.hash(settings.seed(), TABLE_STREAM, 1, 0) & ~(3L << 62) | (2L << 62)).toString();
    }

    /** The item factory (keys and items by number and version). */
    public ItemFactory items() {
        return items;
    }

    /** The ledger of live and deleted items. */
    public TableLedger ledger() {
        return ledger;
    }

    /** The table's content now, or {@code null} when state is not tracked. */
    public Map<Key, Item> state() {
        return state == null ? null : Collections.unmodifiableMap(state);
    }

    /** Adds {@code n} new items to the (empty) table and writes a FULL export of it. */
    public GeneratedExport full(int n, Instant exportTime) {
        ledger.addUntouched(n);
        return snapshot(exportTime);
    }

    /** Writes a FULL export of the table as it is now. */
    public GeneratedExport snapshot(Instant exportTime) {
        SplittableRandom r = Seeds.random(s.seed(), EXPORT_STREAM, ++exports, 0);
        Instant start = exportTime;
        Instant end = start.plusMillis(r.nextLong(180_000, 360_000));
        String id = exportId(start, r);
        String exportKey = s.exportsKey() + "/" + id;
        Path exportDir = s.pathOf(exportKey);
        boolean[] empty = planEmpty(s.filesPerExport(), ledger.liveCount(), r);
        int nonEmpty = count(empty, false);
        List<GeneratedDataFile> files = new ArrayList<>(empty.length);
        List<GeneratedRecord> records = state == null ? null : new ArrayList<>();
        long billed = 0;
        int indexCount = ledger.indexCount();
        try {
            ManifestWriter.writeStarted(exportDir);
            int slot = 0;
            for (boolean isEmpty : empty) {
                String key = exportKey + "/data/" + fileName(r) + s.dataFileSuffix();
                try (DataFileOutput out = new DataFileOutput(key, s.pathOf(key), s.compression())) {
                    if (!isEmpty) {
                        RecordWriter w = writer(out);
                        for (long i = slot; i < indexCount; i += nonEmpty) {
                            int index = (int) i;
                            if (!ledger.isLive(index)) {
                                continue;
                            }
                            Item item = items.item(index, ledger.version(index));
                            w.writeItem(item);
                            billed += item.sizeInBytes();
                            if (state != null) {
                                Key k = items.key(index);
                                state.put(k, item);
                                records.add(new GeneratedRecord(key, out.lines(), k, null, item, WriteOp.NO_TIMESTAMP));
                            }
                        }
                        w.flush();
                        slot++;
                    }
                    files.add(out.finish());
                }
            }
            long itemCount = files.stream().mapToLong(GeneratedDataFile::itemCount).sum();
            ManifestWriter.writeManifests(exportDir, filesJson(files), new ManifestWriter.Summary(ManifestWriter.FULL_VERSION,
                    exportArn(id), start, end, s.tableArn(), tableId, exportTime, null, null, s.bucketName(),
                    s.prefix(), "AES256", null, exportKey + "/manifest-files.json", billed, itemCount,
                    s.format().name(), null, null));
            GeneratedExport export = new GeneratedExport(s.bucketRoot(), exportDir, id, exportArn(id),
                    ExportType.FULL_EXPORT, s.format(), null, s.compression(), itemCount, files, start, end,
                    exportTime, null, null, records);
            LOG.debug("Wrote {}", export);
            return export;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the FULL export under " + exportDir, e);
        }
    }

    /** Writes an incremental export of {@code changes} in {@code [from, to)}. */
    public GeneratedExport incremental(Instant from, Instant to, Changes changes, OutputView view) {
        if ((long) changes.updates() + changes.deletes() > ledger.liveCount()) {
            throw new IllegalArgumentException("changes ask for " + changes.updates() + " updates and "
                    + changes.deletes() + " deletes, but the table holds " + ledger.liveCount() + " items");
        }
        if (changes.reinserts() > ledger.reinsertable()) {
            throw new IllegalArgumentException("changes ask for " + changes.reinserts() + " re-inserts, but only "
                    + ledger.reinsertable() + " keys were deleted by earlier exports and not re-inserted yet");
        }
        SplittableRandom r = Seeds.random(s.seed(), EXPORT_STREAM, ++exports, 0);
        Instant start = to.plusMillis(r.nextLong(300_000, 600_000));
        Instant end = start.plusMillis(r.nextLong(180_000, 360_000));
        String id = exportId(start, r);
        String exportKey = s.exportsKey() + "/" + id;
        Path exportDir = s.pathOf(exportKey);
        long total = changes.total();
        boolean[] empty = planEmpty(s.filesPerExport(), total, r);
        int nonEmpty = count(empty, false);
        long[] remaining = {changes.updates(), changes.deletes(), changes.inserts(), changes.reinserts()};
        long fromMicros = micros(from);
        long window = micros(to) - fromMicros;
        List<GeneratedDataFile> files = new ArrayList<>(empty.length);
        List<GeneratedRecord> records = state == null ? null : new ArrayList<>();
        long billed = 0;
        ledger.beginExport();
        try {
            ManifestWriter.writeStarted(exportDir);
            int slot = 0;
            long left = total;
            for (boolean isEmpty : empty) {
                String key = s.exportsKey() + "/data/" + fileName(r) + s.dataFileSuffix();
                try (DataFileOutput out = new DataFileOutput(key, s.pathOf(key), s.compression())) {
                    if (!isEmpty) {
                        long lines = left / (nonEmpty - slot);
                        left -= lines;
                        slot++;
                        RecordWriter w = writer(out);
                        for (long n = 0; n < lines; n++) {
                            int kind = draw(remaining, r);
                            long micros = fromMicros + r.nextLong(window);
                            billed += change(kind, micros, view, r, w, out, records);
                        }
                        w.flush();
                    }
                    files.add(out.finish());
                }
            }
            ledger.endExport();
            long itemCount = files.stream().mapToLong(GeneratedDataFile::itemCount).sum();
            ManifestWriter.writeManifests(exportDir, filesJson(files), new ManifestWriter.Summary(
                    ManifestWriter.INCREMENTAL_VERSION, exportArn(id), start, end, s.tableArn(), tableId, null, from,
                    to, s.bucketName(), s.prefix(), "AES256", null, exportKey + "/manifest-files.json", billed,
                    itemCount, s.format().name(), view.name(), ExportType.INCREMENTAL_EXPORT.name()));
            GeneratedExport export = new GeneratedExport(s.bucketRoot(), exportDir, id, exportArn(id),
                    ExportType.INCREMENTAL_EXPORT, s.format(), view, s.compression(), itemCount, files, start, end,
                    null, from, to, records);
            LOG.debug("Wrote {}", export);
            return export;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the incremental export under " + exportDir, e);
        }
    }

    /** Draws one change of the given kind, writes its line, updates the books; returns its billed size. */
    private long change(int kind, long micros, OutputView view, SplittableRandom r, RecordWriter w,
                        DataFileOutput out, List<GeneratedRecord> records) throws IOException {
        int index;
        Item oldImage = null;
        Item newImage = null;
        switch (kind) {
            case UPDATE -> {
                index = ledger.pickLive(r);
                int version = ledger.version(index);
                oldImage = items.item(index, version);
                newImage = items.item(index, version + 1);
                ledger.setLive(index, version + 1);
            }
            case DELETE -> {
                index = ledger.pickLive(r);
                oldImage = items.item(index, ledger.version(index));
                ledger.setDeleted(index);
            }
            case INSERT -> {
                index = ledger.insert();
                newImage = items.item(index, 0);
            }
            default -> {
                index = ledger.pickDeleted(r);
                int version = ledger.version(index) + 1;
                newImage = items.item(index, version);
                ledger.setLive(index, version);
            }
        }
        Key key = items.key(index);
        Item written = view == OutputView.NEW_AND_OLD_IMAGES ? oldImage : null;
        w.writeChange(micros, key, written, newImage);
        if (state != null) {
            if (newImage == null) {
                state.remove(key);
            } else {
                state.put(key, newImage);
            }
            records.add(new GeneratedRecord(out.key(), out.lines(), key, written, newImage, micros));
        }
        return (written == null ? 0 : written.sizeInBytes()) + (newImage == null ? key.sizeInBytes()
                : newImage.sizeInBytes());
    }

    private RecordWriter writer(DataFileOutput out) throws IOException {
        return s.format() == OutputFormat.ION ? new IonRecordWriter(out) : new JsonRecordWriter(out);
    }

    /** Which of the files are empty: a share of them, but never all when there are lines to write. */
    private boolean[] planEmpty(int files, long lines, SplittableRandom r) {
        boolean[] empty = new boolean[files];
        int emptyCount = lines == 0 ? files
                : (int) Math.min(Math.round(files * s.emptyFileFraction()), files - 1L);
        // Spread the non-empty files over at most as many files as there are lines.
        emptyCount = (int) Math.max(emptyCount, files - Math.max(1, Math.min(lines, files)));
        int[] order = new int[files];
        for (int i = 0; i < files; i++) {
            order[i] = i;
        }
        for (int i = 0; i < emptyCount; i++) {
            int j = i + r.nextInt(files - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            empty[order[i]] = true;
        }
        return empty;
    }

    private static int count(boolean[] a, boolean value) {
        int n = 0;
        for (boolean b : a) {
            if (b == value) {
                n++;
            }
        }
        return n;
    }

    /** One kind at random, weighted by how many of each are left, so the totals come out exact. */
    private static int draw(long[] remaining, SplittableRandom r) {
        long total = 0;
        for (long n : remaining) {
            total += n;
        }
        long x = r.nextLong(total);
        for (int kind = 0; kind < remaining.length; kind++) {
            if (x < remaining[kind]) {
                remaining[kind]--;
                return kind;
            }
            x -= remaining[kind];
        }
        throw new IllegalStateException("no change left to draw");
    }

    private String exportId(Instant start, SplittableRandom r) {
        String id;
        do {
            id = String.format("%014d-%08x", start.toEpochMilli(), r.nextInt());
        } while (!usedNames.add(id));
        return id;
    }

    private String fileName(SplittableRandom r) {
        String name;
        do {
            char[] c = new char[26];
            for (int i = 0; i < c.length; i++) {
                c[i] = BASE32.charAt(r.nextInt(32));
            }
            name = new String(c);
        } while (!usedNames.add(name));
        return name;
    }

    private String exportArn(String id) {
        return s.tableArn() + "/export/" + id;
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    /** The bytes of {@code manifest-files.json}: one line per data file, in order. */
    static byte[] filesJson(List<GeneratedDataFile> files) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256 * Math.max(1, files.size()));
        for (GeneratedDataFile f : files) {
            out.writeBytes(ManifestWriter.fileLine(f.itemCount(), f.md5Checksum(), f.etag(), f.key()));
        }
        return out.toByteArray();
    }
}
