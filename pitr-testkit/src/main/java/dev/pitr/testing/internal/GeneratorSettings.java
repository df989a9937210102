package dev.pitr.testing.internal;

import dev.pitr.manifest.OutputFormat;
import dev.pitr.manifest.OutputView;
import dev.pitr.model.KeySchema;
import dev.pitr.testing.Compression;
import dev.pitr.testing.ItemShape;
import java.nio.file.Path;

/**
 * Everything an {@link dev.pitr.testing.ExportGenerator} was built with, already validated.
 *
 * @param prefix the S3 prefix without leading or trailing slash, or {@code null} for none
 */
public record GeneratorSettings(Path bucketRoot, String bucketName, String prefix, String tableName,
                                String account, String region, KeySchema keySchema, OutputFormat format,
                                Compression compression, int filesPerExport, double emptyFileFraction,
                                ItemShape itemShape, long seed, boolean trackState, OutputView view) {

    /** The ARN of the table. */
    public String tableArn() {
        return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + tableName;
    }

    /** The key of the folder holding the exports: {@code [prefix/]AWSDynamoDB}. */
    public String exportsKey() {
        return prefix == null ? "AWSDynamoDB" : prefix + "/AWSDynamoDB";
    }

    /** The data file suffix: {@code .json.gz}, {@code .ion.zst}, {@code .json}, ... */
    public String dataFileSuffix() {
        return (format == OutputFormat.ION ? ".ion" : ".json") + compression.extension();
    }

    /** Where the object with this key lives under the bucket root. */
    public Path pathOf(String key) {
        Path p = bucketRoot;
        for (String segment : key.split("/")) {
            p = p.resolve(segment);
        }
        return p;
    }
}
