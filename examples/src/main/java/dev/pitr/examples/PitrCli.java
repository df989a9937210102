package dev.pitr.examples;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The pitr command-line tool. */
@Command(name = "pitr", mixinStandardHelpOptions = true, version = "pitr 0.1.0-SNAPSHOT",
        description = "Applies DynamoDB point-in-time-recovery exports to a DynamoDB table.",
        subcommands = {PitrCli.Demo.class})
public final class PitrCli implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(new CommandLine(new PitrCli()).execute(args));
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 2;
    }

    /** The quickstart. */
    @Command(name = "demo", description = "Restores a bundled sample export chain into an embedded DynamoDB Local.")
    static final class Demo implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.println("The quickstart is not built yet: it lands with the restorer (issue 4) and the examples"
                    + " (issue 7). Today pitr reads and verifies exports; run the tests with: mvn -B -ntp verify");
            return 0;
        }
    }
}
