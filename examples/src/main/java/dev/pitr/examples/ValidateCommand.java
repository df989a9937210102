package dev.pitr.examples;

import dev.pitr.PitrRestorer;
import dev.pitr.RestoreReport;
import dev.pitr.dynamodb.DynamoDbItemSink;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pitr validate}: reads and checks a chain, writing nothing (a dry run). */
@Command(name = "validate", sortOptions = false,
        mixinStandardHelpOptions = true, version = PitrCli.VERSION,
        header = "Read and check a chain of exports without writing anything.",
        description = {"Reads the whole chain and checks it without writing anything: the chain is contiguous, every"
                + " manifest and data file checksum matches, item counts add up, every record decodes, and (with"
                + " --table) every key matches the table's key schema."})
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    PitrCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    ChainOptions chain;

    @Option(names = "--table", paramLabel = "TABLE",
            description = "Also check every record's key against this table's key schema (reads its description).")
    String table;

    @Mixin
    AwsOptions aws;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ExportUri> exports = chain.exportUris();
        run.check();
        try (AwsClients clients = new AwsClients(aws, chain.workers);
             DynamoDbItemSink sink = table == null ? null : UsageException.check(() -> DynamoDbItemSink.builder()
                     .tableName(table).client(clients.dynamoDb()).build())) {
            PitrRestorer restorer = chain.restorer(exports, clients, builder -> {
                run.printProgress(builder, err, "checked").dryRun(true);
                if (sink != null) {
                    builder.sink(sink);
                }
            });
            RestoreReport result = run.run(restorer, cli.done, out, err, clients);
            out.printf("Write capacity the chain would consume: %,d units%n", result.writeCapacityUnits());
            out.flush();
            err.printf("pitr: valid: %d exports, %d data files verified%s, nothing was written%n",
                    result.exports().size(), result.checksumsVerified(),
                    table == null ? "" : ", every key matches table " + table);
            return ExitCode.OK;
        }
    }
}
