package dev.pitr.examples;

import dev.pitr.PitrRestorer;
import dev.pitr.PitrRestorerBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** The exports of the chain and how to read them: shared by restore, validate and plan. */
final class ChainOptions {
    @Option(names = "--export", required = true, paramLabel = "URI",
            description = "An export of the chain, repeated for each export, in any order: a local folder "
                    + "<root>/[prefix/]AWSDynamoDB/<exportId> (or file://...), s3://bucket/[prefix/]AWSDynamoDB/"
                    + "<exportId>/, or the manifest-summary.json of either.")
    List<String> exports = new ArrayList<>();

    @Option(names = "--until", paramLabel = "TIME", converter = Converters.TimeConverter.class,
            description = "Apply only the part of the chain that ends at TIME, an export boundary "
                    + "(2026-01-14T10:30:00Z).")
    Instant until;

    @Option(names = "--allow-overlap", hidden = true,
            description = "Accepted for old scripts: overlapping windows are always accepted (applied in order of end time).")
    boolean allowOverlap;

    @Option(names = "--allow-gap", description = "Apply the chain even where a window starts after the time the chain"
            + " reached: writes in such a gap may be missing, and the plan, the progress header and the report name it.")
    boolean allowGap;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "4",
            description = "Data files read in parallel inside one export (default: ${DEFAULT-VALUE}).")
    int workers;

    /**
     * The exports as parsed URIs, checked for shape and (local ones) existence.
     *
     * @throws UsageException naming the first bad one
     */
    public List<ExportUri> exportUris() {
        List<ExportUri> uris = new ArrayList<>();
        for (String e : exports) {
            uris.add(ExportUri.parse(e));
        }
        return uris;
    }

    /**
     * The restorer every command runs: the exports, opened through {@code clients}, read as these
     * options say, then what the command sets on the builder in {@code command}.
     *
     * @throws UsageException when the builder refuses a value
     */
    public PitrRestorer restorer(List<ExportUri> uris, AwsClients clients, Consumer<PitrRestorerBuilder> command) {
        return UsageException.check(() -> {
            PitrRestorerBuilder builder = PitrRestorer.builder().readerThreads(workers).allowGaps(allowGap);
            if (until != null) {
                builder.until(until);
            }
            for (ExportUri uri : uris) {
                builder.export(uri.open(clients));
            }
            command.accept(builder);
            return builder.build();
        });
    }
}
