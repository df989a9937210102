package dev.pitr.manifest;

import org.jspecify.annotations.Nullable;
import java.time.Instant;
import java.util.Objects;

/**
 * The content of {@code manifest-summary.json}.
 *
 * <p>A FULL export has {@code exportTime}; an INCREMENTAL export has {@code exportFromTime}
 * (inclusive), {@code exportToTime} (exclusive) and an {@code outputView}. Fields the export
 * does not have are {@code null}.
 */
public record ExportSummary(
        String version,
        String exportArn,
        String tableArn,
        @Nullable String tableId,
        ExportType exportType,
        OutputFormat outputFormat,
        @Nullable OutputView outputView,
        @Nullable Instant startTime,
        @Nullable Instant endTime,
        @Nullable Instant exportTime,
        @Nullable Instant exportFromTime,
        @Nullable Instant exportToTime,
        String s3Bucket,
        String s3Prefix,
        String manifestFilesS3Key,
        long itemCount,
        long billedSizeBytes) {

    public ExportSummary {
        Objects.requireNonNull(exportArn, "exportArn");
        Objects.requireNonNull(tableArn, "tableArn");
        Objects.requireNonNull(exportType, "exportType");
        Objects.requireNonNull(outputFormat, "outputFormat");
        Objects.requireNonNull(manifestFilesS3Key, "manifestFilesS3Key");
        if (exportType == ExportType.FULL_EXPORT) {
            Objects.requireNonNull(exportTime, "exportTime of a FULL export");
        } else {
            Objects.requireNonNull(exportFromTime, "exportFromTime of an INCREMENTAL export");
            Objects.requireNonNull(exportToTime, "exportToTime of an INCREMENTAL export");
        }
    }

    /** The export id: the last segment of the export ARN, e.g. {@code 01668227450456-b6733290}. */
    public String exportId() {
        return exportArn.substring(exportArn.lastIndexOf('/') + 1);
    }

    /**
     * The instant the table reflects once this export is applied: {@code exportTime} for a FULL
     * export, {@code exportToTime} for an INCREMENTAL one.
     */
    public Instant stateTime() {
        return exportType == ExportType.FULL_EXPORT ? exportTime : exportToTime;
    }

    public boolean isFull() {
        return exportType == ExportType.FULL_EXPORT;
    }
}
