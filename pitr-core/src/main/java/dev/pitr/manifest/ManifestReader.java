package dev.pitr.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.pitr.ExportFileNotFoundException;
import dev.pitr.ExportIntegrityException;
import dev.pitr.MalformedExportException;
import dev.pitr.PitrException;
import dev.pitr.internal.LineReader;
import dev.pitr.internal.Md5;
import dev.pitr.source.ExportSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an export's manifests: {@code manifest-summary.json}, then {@code manifest-files.json}
 * line by line, checking each against its {@code .md5} (or {@code .checksum}) file when there is
 * one, and the files' item counts against the summary's.
 */
public final class ManifestReader {
    /** Name of the summary in the export folder. */
    public static final String SUMMARY = "manifest-summary.json";
    /** Name of the files manifest in the export folder. */
    public static final String FILES = "manifest-files.json";

    private static final int MAX_SUMMARY_BYTES = 1 << 20;
    private static final int MAX_MANIFEST_LINE = 1 << 20;
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private ManifestReader() {
    }

    /**
     * Reads and checks the manifests of the export in {@code source}.
     *
     * @throws ExportFileNotFoundException when a manifest is missing (an incomplete export)
     * @throws MalformedExportException    when a manifest is not valid
     * @throws ExportIntegrityException    when a manifest does not match its checksum, or the
     *                                     files' item counts do not add up to the summary's
     */
    public static ExportDescriptor read(ExportSource source) {
        byte[] summaryBytes = readSummaryBytes(source);
        String summaryName = source.nameOfExportFile(SUMMARY);
        verifySidecar(source, "manifest-summary", Md5.base64Of(summaryBytes), summaryName);
        ExportSummary summary = parseSummary(summaryBytes, summaryName);
        List<DataFile> files = readFiles(source, summary);
        long total = 0;
        for (DataFile f : files) {
            total += f.itemCount();
        }
        if (total != summary.itemCount()) {
            throw new ExportIntegrityException(source.nameOf(summary.manifestFilesS3Key()),
                    "data files hold " + total + " items in all, the summary says " + summary.itemCount());
        }
        return new ExportDescriptor(source.location(), summary, files);
    }

    /** The raw bytes of the export's {@code manifest-summary.json}. */
    public static byte[] readSummaryBytes(ExportSource source) {
        String name = source.nameOfExportFile(SUMMARY);
        Optional<InputStream> in = source.openExportFile(SUMMARY);
        if (in.isEmpty()) {
            throw new ExportFileNotFoundException(name,
                    "Export summary (the export is incomplete, or this is not an export folder)");
        }
        try (InputStream s = in.get()) {
            byte[] bytes = s.readNBytes(MAX_SUMMARY_BYTES + 1);
            if (bytes.length > MAX_SUMMARY_BYTES) {
                throw new MalformedExportException(name, 0, "larger than " + MAX_SUMMARY_BYTES + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new PitrException("Cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses the content of a {@code manifest-summary.json}. Unknown fields are ignored; a
     * missing {@code exportType} means {@link ExportType#FULL_EXPORT}.
     *
     * @param name how messages name the file
     */
    public static ExportSummary parseSummary(byte[] json, String name) {
        SummaryFields f = new SummaryFields();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedExportException(name, 0, "expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                f.set(field, p, t, name);
            }
            if (p.nextToken() != null) {
                throw new MalformedExportException(name, 0, "unexpected content after the summary object");
            }
        } catch (IOException e) {
            throw new MalformedExportException(name, 0, "invalid JSON: " + jsonProblem(e), e);
        }
        return f.build(name);
    }

    /**
     * Parses one line of {@code manifest-files.json}.
     *
     * @param line 1-based, for messages
     */
    private static DataFile parseFileLine(byte[] buf, int off, int len, String name, long line) {
        String key = null;
        String md5 = null;
        String etag = null;
        long count = -1;
        try (JsonParser p = JSON.createParser(buf, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedExportException(name, line, "expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "dataFileS3Key" -> key = text(p, t, field, name, line);
                    case "md5Checksum" -> md5 = text(p, t, field, name, line);
                    case "etag" -> etag = text(p, t, field, name, line);
                    case "itemCount" -> {
                        if (t != JsonToken.VALUE_NUMBER_INT) {
                            throw new MalformedExportException(name, line, "expected \"itemCount\" to be an integer");
                        }
                        count = p.getLongValue();
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new MalformedExportException(name, line, "unexpected content after the object");
            }
        } catch (IOException e) {
            throw new MalformedExportException(name, line, "invalid JSON: " + jsonProblem(e), e);
        }
        if (key == null || key.isEmpty()) {
            throw new MalformedExportException(name, line, "missing \"dataFileS3Key\"");
        }
        if (count < 0) {
            throw new MalformedExportException(name, line, "missing or negative \"itemCount\"");
        }
        return new DataFile(key, count, md5, etag);
    }

    private static List<DataFile> readFiles(ExportSource source, ExportSummary summary) {
        String key = summary.manifestFilesS3Key();
        String name = source.nameOf(key);
        List<DataFile> files = new ArrayList<>();
        String actual;
        try (Md5 md5 = new Md5(source.open(key, "Files manifest"))) {
            LineReader lines = new LineReader(md5, MAX_MANIFEST_LINE);
            try {
                while (lines.next()) {
                    if (lines.length() == 0) {
                        throw new MalformedExportException(name, lines.lineNumber(), "empty line");
                    }
                    files.add(parseFileLine(lines.buffer(), lines.offset(), lines.length(), name, lines.lineNumber()));
                }
            } catch (LineReader.LineTooLongException e) {
                throw new MalformedExportException(name, lines.lineNumber() + 1, e.getMessage());
            }
            actual = md5.base64();
        } catch (IOException e) {
            throw new PitrException("Cannot read " + name + ": " + e.getMessage(), e);
        }
        verifySidecar(source, "manifest-files", actual, name);
        return files;
    }

    /** Checks {@code <base>.md5} or {@code <base>.checksum} in the export folder, when present. */
    private static void verifySidecar(ExportSource source, String base, String actual, String checkedName) {
        for (String ext : new String[] {".md5", ".checksum"}) {
            Optional<InputStream> in = source.openExportFile(base + ext);
            if (in.isEmpty()) {
                continue;
            }
            String expected;
            try (InputStream s = in.get()) {
                expected = new String(s.readNBytes(256), StandardCharsets.US_ASCII).trim();
            } catch (IOException e) {
                throw new PitrException("Cannot read " + source.nameOfExportFile(base + ext) + ": " + e.getMessage(), e);
            }
            if (!expected.equals(actual)) {
                throw new ExportIntegrityException(checkedName, "MD5 is " + actual + ", "
                        + source.nameOfExportFile(base + ext) + " says " + expected);
            }
            return;
        }
    }

    private static String text(JsonParser p, JsonToken t, String field, String name, long line) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw new MalformedExportException(name, line, "expected \"" + field + "\" to be a string");
        }
        return p.getText();
    }

    static String jsonProblem(IOException e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        // Jackson appends the source location and may quote input: keep the first sentence only.
        int cut = m.indexOf('\n');
        m = cut >= 0 ? m.substring(0, cut) : m;
        cut = m.indexOf(" at [Source");
        return cut >= 0 ? m.substring(0, cut) : m;
    }

    /** Summary fields as they are read; checked once all are in. */
    private static final class SummaryFields {
        String version;
        String exportArn;
        String tableArn;
        String tableId;
        String exportType;
        String outputFormat;
        String outputView;
        String startTime;
        String endTime;
        String exportTime;
        String exportFromTime;
        String exportToTime;
        String s3Bucket;
        String s3Prefix;
        String manifestFilesS3Key;
        long itemCount = -1;
        long billedSizeBytes;

        void set(String field, JsonParser p, JsonToken t, String name) throws IOException {
            switch (field) {
                case "version" -> version = text(p, t, field, name, 0);
                case "exportArn" -> exportArn = text(p, t, field, name, 0);
                case "tableArn" -> tableArn = text(p, t, field, name, 0);
                case "tableId" -> tableId = text(p, t, field, name, 0);
                case "exportType" -> exportType = text(p, t, field, name, 0);
                case "outputFormat" -> outputFormat = text(p, t, field, name, 0);
                case "outputView" -> outputView = text(p, t, field, name, 0);
                case "startTime" -> startTime = text(p, t, field, name, 0);
                case "endTime" -> endTime = text(p, t, field, name, 0);
                case "exportTime" -> exportTime = text(p, t, field, name, 0);
                case "exportFromTime" -> exportFromTime = text(p, t, field, name, 0);
                case "exportToTime" -> exportToTime = text(p, t, field, name, 0);
                case "s3Bucket" -> s3Bucket = text(p, t, field, name, 0);
                case "s3Prefix" -> s3Prefix = text(p, t, field, name, 0);
                case "manifestFilesS3Key" -> manifestFilesS3Key = text(p, t, field, name, 0);
                case "itemCount" -> itemCount = number(p, t, field, name);
                case "billedSizeBytes" -> billedSizeBytes = number(p, t, field, name);
                default -> p.skipChildren();
            }
        }

        private static long number(JsonParser p, JsonToken t, String field, String name) throws IOException {
            if (t == JsonToken.VALUE_NULL) {
                return 0;
            }
            if (t != JsonToken.VALUE_NUMBER_INT) {
                throw new MalformedExportException(name, 0, "expected \"" + field + "\" to be an integer");
            }
            return p.getLongValue();
        }

        ExportSummary build(String name) {
            require(exportArn, "exportArn", name);
            require(tableArn, "tableArn", name);
            require(manifestFilesS3Key, "manifestFilesS3Key", name);
            require(outputFormat, "outputFormat", name);
            if (itemCount < 0) {
                throw new MalformedExportException(name, 0, "missing \"itemCount\"");
            }
            ExportType type;
            if (exportType == null) {
                type = ExportType.FULL_EXPORT;
            } else {
                type = enumValue(ExportType.class, exportType, "exportType", name);
            }
            OutputFormat format = enumValue(OutputFormat.class, outputFormat, "outputFormat", name);
            OutputView view = outputView == null ? null : enumValue(OutputView.class, outputView, "outputView", name);
            Instant from = null;
            Instant to = null;
            Instant at = null;
            if (type == ExportType.FULL_EXPORT) {
                require(exportTime, "exportTime", name);
                at = instant(exportTime, "exportTime", name);
            } else {
                require(exportFromTime, "exportFromTime", name);
                require(exportToTime, "exportToTime", name);
                from = instant(exportFromTime, "exportFromTime", name);
                to = instant(exportToTime, "exportToTime", name);
                if (!from.isBefore(to)) {
                    throw new MalformedExportException(name, 0, "exportFromTime " + from + " is not before exportToTime " + to);
                }
                if (view == null) {
                    view = OutputView.NEW_AND_OLD_IMAGES;
                }
            }
            return new ExportSummary(version, exportArn, tableArn, tableId, type, format, view,
                    instant(startTime, "startTime", name), instant(endTime, "endTime", name), at, from, to,
                    s3Bucket, s3Prefix, manifestFilesS3Key, itemCount, billedSizeBytes);
        }

        private static void require(String value, String field, String name) {
            if (value == null || value.isEmpty()) {
                throw new MalformedExportException(name, 0, "missing \"" + field + "\"");
            }
        }

        private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field, String name) {
            try {
                return Enum.valueOf(type, value);
            } catch (IllegalArgumentException e) {
                throw new MalformedExportException(name, 0, "unknown " + field + " \"" + value + "\"");
            }
        }

        private static Instant instant(String value, String field, String name) {
            if (value == null) {
                return null;
            }
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new MalformedExportException(name, 0, "\"" + field + "\" is not an ISO-8601 instant");
            }
        }
    }
}
