package dev.pitr.manifest;

import org.jspecify.annotations.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An export as its manifests describe it: the summary and the data files that belong to it.
 *
 * @param location  where the export is, as its source names it (for messages and reports)
 * @param summary   the parsed {@code manifest-summary.json}
 * @param dataFiles the files of {@code manifest-files.json}, in manifest order
 */
public record ExportDescriptor(String location, ExportSummary summary, List<DataFile> dataFiles) {

    public ExportDescriptor {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(summary, "summary");
        dataFiles = List.copyOf(dataFiles);
    }

    public String exportArn() {
        return summary.exportArn();
    }

    public String exportId() {
        return summary.exportId();
    }

    public String tableArn() {
        return summary.tableArn();
    }

    public ExportType type() {
        return summary.exportType();
    }

    public OutputFormat format() {
        return summary.outputFormat();
    }

    /** The view of an incremental export, {@code null} for a FULL one. */
    public @Nullable OutputView view() {
        return summary.outputView();
    }

    /** See {@link ExportSummary#stateTime()}. */
    public Instant stateTime() {
        return summary.stateTime();
    }

    /** Items the summary counts. */
    public long itemCount() {
        return summary.itemCount();
    }

    @Override
    public String toString() {
        return type() + " " + exportId() + " (" + location + ", " + dataFiles.size() + " files, "
                + itemCount() + " items)";
    }
}
