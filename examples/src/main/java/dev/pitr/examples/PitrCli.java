package dev.pitr.examples;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code pitr} command: restore DynamoDB point-in-time-recovery exports into a table, check
 * them, plan a restore, print its IAM policy, or run the quickstart.
 *
 * <p>Exit codes are those of {@link ExitCode}; the last line on stderr says why in one sentence,
 * summaries go to stdout and progress to stderr.
 */
@Command(name = "pitr", mixinStandardHelpOptions = true, version = PitrCli.VERSION,
        description = "Applies Amazon DynamoDB point-in-time-recovery exports (one FULL export, then INCREMENTAL "
                + "exports) to an existing DynamoDB table.",
        subcommands = {RestoreCommand.class, VerifyCommand.class, RevertCommand.class, ValidateCommand.class, PlanCommand.class,
                CompactCommand.class,
                PolicyCommand.class, DemoCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class},
        footer = {"%nRun 'pitr COMMAND --help' for a command's options."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:failure (a read, a write, a checkpoint; a rerun resumes from the last checkpoint)",
            "2:bad arguments, or exports that do not form a chain (nothing was written)",
            "3:finished with operations set aside (restore --on-error skip, revert conflicts)",
            "4:verify found the table differs from the chain's state"})
public final class PitrCli implements Callable<Integer> {
    /** What {@code --version} prints. */
    public static final String VERSION = "pitr 0.1.0-SNAPSHOT";

    /** Counted down when the command has printed its last line; the signal hook waits for it. */
    final CountDownLatch done = new CountDownLatch(1);

    @Spec
    CommandSpec spec;

    private boolean verbose;

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command line with the process's stdout and stderr; returns the exit code. Progress
     * is a bar when stderr is a terminal (see {@link TerminalCheck}), lines otherwise.
     */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), StderrWriter.system(), args);
    }

    /** Runs the command line printing to {@code out} and {@code err}; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        PitrCli cli = new PitrCli();
        CommandLine commandLine = commandLine(cli);
        commandLine.setOut(out);
        commandLine.setErr(err);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            if (err instanceof StderrWriter stderr) {
                // before the signal hook lets the JVM go: the line saying why stays the last one
                stderr.closeBar();
            }
            err.flush();
            cli.done.countDown();
        }
    }

    /** A configured command line around {@code cli}: exit codes, error lines, case-insensitive enums. */
    static CommandLine commandLine(PitrCli cli) {
        CommandLine commandLine = new CommandLine(cli);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(PitrCli::badArguments);
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            Failures.Outcome outcome = Failures.of(e);
            PrintWriter err = cmd.getErr();
            if (cli.verbose) {
                e.printStackTrace(err);
            }
            err.println("pitr: " + outcome.message());
            return outcome.code();
        });
        return commandLine;
    }

    private static int badArguments(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("pitr: bad arguments: " + Failures.oneLine(e.getMessage()) + " (see "
                + cmd.getCommandSpec().qualifiedName() + " --help)");
        return ExitCode.USAGE;
    }

    /** Sets the level of pitr's own log lines (WARN by default) to INFO, and prints stack traces. */
    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log pitr's INFO lines (plan, checkpoints, retries) and print stack traces of failures.")
    void verbose(boolean on) {
        this.verbose = on;
        Logger logger = LoggerFactory.getLogger("dev.pitr");
        if (on && logger instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(ch.qos.logback.classic.Level.INFO);
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        spec.commandLine().usage(err);
        err.println("pitr: bad arguments: name a command: restore, verify, revert, validate, plan, compact, policy, demo or completion"
                + " (see pitr --help)");
        return ExitCode.USAGE;
    }
}
