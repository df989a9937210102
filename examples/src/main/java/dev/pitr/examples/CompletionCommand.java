package dev.pitr.examples;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code pitr completion}: the bash and zsh completion script picocli generates from the commands
 * themselves, so it always knows every command and option of this version.
 */
@Command(name = "completion", mixinStandardHelpOptions = true, version = PitrCli.VERSION,
        header = "Print the bash/zsh completion script: source <(pitr completion)",
        description = {"Prints a completion script for bash and zsh on stdout, generated from pitr's own commands"
                + " and options. Load it in the current shell with%n%n    source <(pitr completion)%n%n"
                + "or for every new shell, add that line to ~/.bashrc or ~/.zshrc (zsh loads bash completions"
                + " through bashcompinit, which the script turns on)."})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("pitr", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
