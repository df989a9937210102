package dev.pitr.spark.internal;

import dev.pitr.PitrException;
import dev.pitr.manifest.DataFile;
import dev.pitr.manifest.ExportDescriptor;
import dev.pitr.manifest.ManifestReader;
import dev.pitr.s3.S3ExportSource;
import dev.pitr.source.ExportSource;
import dev.pitr.source.LocalExportSource;
import dev.pitr.spark.ClientFactory;
import dev.pitr.spark.HadoopExportSource;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;

/**
 * Opens an export by the URI the user gave, the same way on the driver and in every executor:
 * {@code s3://} through pitr-s3 (ranged, checked reads with the AWS SDK), any other scheme through
 * the Hadoop file system the cluster configures ({@code hdfs://}, {@code s3a://}, {@code gs://},
 * {@code file://}...), and a plain path as a local folder (which every executor must see, as in
 * {@code local[N]}). Executors keep each export they opened, with its manifests, for the JVM's life.
 */
public final class ExportRefs {
    /** An opened export: its source, its manifests, and its data files by key. */
    public record Opened(ExportSource source, ExportDescriptor export, Map<String, DataFile> files) {
        /** The data file with {@code key}, which the manifest must list. */
        public DataFile file(String key) {
            DataFile file = files.get(key);
            if (file == null) {
                throw new PitrException("Data file " + source.nameOf(key) + " is not in the manifest of "
                        + export.location() + " any more: was the export replaced while the job ran?");
            }
            return file;
        }
    }

    /** What the JVM's cache tells exports apart by: where, and through which clients. */
    private record Where(String uri, ClientFactory clients) {
    }

    private static final Map<Where, Opened> OPENED = new ConcurrentHashMap<>();

    private ExportRefs() {
    }

    /** Opens the export at {@code uri} and reads its manifests. */
    public static Opened open(String uri, ClientFactory clients, Supplier<Configuration> hadoop) {
        ExportSource source = source(uri, clients, hadoop);
        ExportDescriptor export = ManifestReader.read(source);
        Map<String, DataFile> files = new HashMap<>();
        for (DataFile f : export.dataFiles()) {
            files.put(f.key(), f);
        }
        return new Opened(source, export, Map.copyOf(files));
    }

    /**
     * The export at {@code uri} as this JVM opened it first; checked to be the export the driver
     * planned ({@code exportArn}).
     */
    public static Opened cached(String uri, String exportArn, ClientFactory clients, Supplier<Configuration> hadoop) {
        Opened o = OPENED.computeIfAbsent(new Where(uri, clients), k -> open(uri, clients, hadoop));
        if (!o.export().exportArn().equals(exportArn)) {
            throw new PitrException("The export at " + uri + " is now " + o.export().exportArn() + ", not "
                    + exportArn + " as when the job was planned: was it replaced while the job ran?");
        }
        return o;
    }

    private static ExportSource source(String uri, ClientFactory clients, Supplier<Configuration> hadoop) {
        String scheme = scheme(uri);
        if ("s3".equals(scheme)) {
            return S3ExportSource.builder().client(JvmClients.s3(clients)).exportUri(uri).build();
        }
        if (scheme == null) {
            return LocalExportSource.of(Path.of(uri));
        }
        if ("file".equals(scheme)) {
            return LocalExportSource.of(Path.of(URI.create(uri)));
        }
        return HadoopExportSource.of(uri, hadoop.get());
    }

    private static @org.jspecify.annotations.Nullable String scheme(String uri) {
        int colon = uri.indexOf("://");
        if (colon <= 0) {
            return null;
        }
        String scheme = uri.substring(0, colon);
        return scheme.matches("[A-Za-z][A-Za-z0-9+.-]*") ? scheme.toLowerCase(java.util.Locale.ROOT) : null;
    }
}
