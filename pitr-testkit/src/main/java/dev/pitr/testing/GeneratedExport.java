package dev.pitr.testing;

import dev.pitr.manifest.ExportType;
import dev.pitr.manifest.OutputFormat;
import dev.pitr.manifest.OutputView;
import dev.pitr.source.LocalExportSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * An export the generator wrote.
 *
 * @param bucketRoot     the folder standing for the bucket root
 * @param exportDir      the export folder ({@code [prefix/]AWSDynamoDB/<exportId>}), which
 *                       {@link LocalExportSource#of} takes
 * @param exportId       the export id ({@code 01768388186000-4a2fc3ff})
 * @param exportArn      the export ARN
 * @param type           FULL or INCREMENTAL
 * @param format         the data format
 * @param view           the view of an incremental export; {@code null} for a FULL one
 * @param compression    how the data files are compressed
 * @param itemCount      lines in all data files
 * @param dataFiles      the data files, in manifest order
 * @param startTime      the summary's {@code startTime}
 * @param endTime        the summary's {@code endTime}
 * @param exportTime     the summary's {@code exportTime} (FULL), else {@code null}
 * @param exportFromTime the summary's {@code exportFromTime} (INCREMENTAL), else {@code null}
 * @param exportToTime   the summary's {@code exportToTime} (INCREMENTAL), else {@code null}
 * @param records        every line written, in file and line order, when the generator tracks
 *                       state; else {@code null} (see {@link #records()})
 */
public record GeneratedExport(Path bucketRoot, Path exportDir, String exportId, String exportArn, ExportType type,
                              OutputFormat format, OutputView view, Compression compression, long itemCount,
                              List<GeneratedDataFile> dataFiles, Instant startTime, Instant endTime,
                              Instant exportTime, Instant exportFromTime, Instant exportToTime,
                              List<GeneratedRecord> records) {

    /** Copies the lists. */
    public GeneratedExport {
        dataFiles = List.copyOf(dataFiles);
        records = records == null ? null : List.copyOf(records);
    }

    /**
     * Every line written, in file and line order.
     *
     * @throws IllegalStateException when the generator does not track state ({@code trackState(false)})
     */
    @Override
    public List<GeneratedRecord> records() {
        if (records == null) {
            throw new IllegalStateException("records are kept only when the generator tracks state "
                    + "(ExportGenerator.Builder.trackState(true))");
        }
        return records;
    }

    /** Whether this is a FULL export. */
    public boolean isFull() {
        return type == ExportType.FULL_EXPORT;
    }

    /** The time the table matches once this export is applied: exportTime or exportToTime. */
    public Instant stateTime() {
        return isFull() ? exportTime : exportToTime;
    }

    /** {@code manifest-summary.json} of this export. */
    public Path summaryFile() {
        return exportDir.resolve("manifest-summary.json");
    }

    /** {@code manifest-files.json} of this export. */
    public Path filesManifest() {
        return exportDir.resolve("manifest-files.json");
    }

    /** A source reading this export from disk. */
    public LocalExportSource source() {
        return LocalExportSource.of(exportDir);
    }

    /** Compressed bytes of all data files. */
    public long compressedBytes() {
        return dataFiles.stream().mapToLong(GeneratedDataFile::compressedBytes).sum();
    }

    /** Uncompressed bytes of all data files. */
    public long uncompressedBytes() {
        return dataFiles.stream().mapToLong(GeneratedDataFile::uncompressedBytes).sum();
    }

    @Override
    public String toString() {
        return type + " " + exportId + " (" + exportDir + ", " + dataFiles.size() + " files, " + itemCount + " items)";
    }
}
