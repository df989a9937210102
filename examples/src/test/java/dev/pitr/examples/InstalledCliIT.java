package dev.pitr.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool as people install it: the {@code pitr-<version>.tar.gz} the build made, unpacked with
 * {@code tar}, run through {@code bin/pitr} reached by a relative symlink from another folder (as
 * from a folder on the PATH).
 */
@DisabledOnOs(OS.WINDOWS)
class InstalledCliIT {
    private static final String VERSION = System.getProperty("pitr.cli.version", "0.1.0-SNAPSHOT");
    private static final String JAVA_HOME = System.getProperty("java.home");
    /** As CliProcess gives the jar: the machine is shared. */
    private static final String JAVA_OPTS = "-Xmx384m -XX:+UseSerialGC";

    @TempDir
    static Path install;

    private static Path home;
    private static Path onPath;

    @TempDir
    Path dir;

    @BeforeAll
    static void unpackTheTarball() throws Exception {
        Path tarball = Path.of(System.getProperty("pitr.cli.tarball", "target/pitr-" + VERSION + ".tar.gz"));
        assertThat(tarball).as("these tests run after package (mvn verify)").isRegularFile();
        CliProcess.Result tar = CliProcess.exec(install, Map.of(),
                List.of("tar", "-xzf", tarball.toAbsolutePath().toString())).await(Duration.ofMinutes(2));
        assertThat(tar.exitCode()).as(tar.toString()).isZero();
        home = install.resolve("pitr-" + VERSION);
        onPath = Files.createDirectories(install.resolve("on-path")).resolve("pitr");
        Files.createSymbolicLink(onPath, Path.of("..", "pitr-" + VERSION, "bin", "pitr"));
    }

    @Test
    void tarball_holdsTheLaunchers_theJar_theReadmeAndTheLicense() throws IOException {
        try (Stream<Path> files = Files.walk(home)) {
            assertThat(files.filter(Files::isRegularFile).map(f -> home.relativize(f).toString()))
                    .containsExactlyInAnyOrder("bin/pitr", "bin/pitr.bat", "lib/pitr-cli.jar", "README.md", "CLI.md",
                            "LICENSE");
        }
        assertThat(Files.isExecutable(home.resolve("bin/pitr"))).as("bin/pitr is executable").isTrue();
        assertThat(Files.readString(home.resolve("LICENSE"))).contains("Apache License");
    }

    @Test
    void demo_runFromTheInstalledLauncherThroughASymlink_exits0() throws Exception {
        CliProcess.Result run = CliProcess.exec(dir, env(Map.of("JAVA_HOME", JAVA_HOME)),
                List.of(onPath.toString(), "demo")).await(Duration.ofMinutes(2));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdoutText()).contains("COMPLETED restore-").contains("The table holds exactly the 1,045 items");
        assertThat(run.lastStderrLine()).isEqualTo("pitr: demo passed: the restored table equals the expected state");
        // stderr is a pipe here: progress as lines, no bar
        assertThat(run.stderr()).anyMatch(l -> l.startsWith("pitr: export 3/3 applied: "))
                .noneMatch(l -> l.contains("\r") || l.contains("\033"));
    }

    @Test
    void launcher_usesJavaOnThePath_withoutJavaHome() throws Exception {
        // an empty JAVA_HOME counts as none
        CliProcess.Result run = CliProcess.exec(dir, env(Map.of("JAVA_HOME", "", "PATH", JAVA_HOME + "/bin:/usr/bin:/bin")),
                List.of(onPath.toString(), "--version")).await(Duration.ofMinutes(1));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).containsExactly("pitr " + VERSION);
    }

    @Test
    void launcher_withAJavaHomeWithoutJava_exits1SayingSo() throws Exception {
        CliProcess.Result run = CliProcess.exec(dir, env(Map.of("JAVA_HOME", dir.toString())),
                List.of(onPath.toString(), "--version")).await(Duration.ofMinutes(1));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.FAILURE);
        assertThat(run.lastStderrLine()).isEqualTo("pitr: JAVA_HOME is " + dir + ", but " + dir
                + "/bin/java is not a program: set JAVA_HOME to a Java 17 (or newer) installation");
    }

    @Test
    void completion_printsAScriptThatBashLoads() throws Exception {
        CliProcess.Result script = CliProcess.exec(dir, env(Map.of("JAVA_HOME", JAVA_HOME)),
                List.of(onPath.toString(), "completion")).await(Duration.ofMinutes(1));
        assertThat(script.exitCode()).as(script.toString()).isZero();
        assertThat(script.stdoutText()).contains("complete -F _complete_pitr -o default pitr")
                .contains("restore").contains("--max-wcu").contains("completion");

        // as the README says: source <(pitr completion), with pitr on the PATH
        CliProcess.Result bash = CliProcess.exec(dir,
                env(Map.of("JAVA_HOME", JAVA_HOME, "PATH", onPath.getParent() + ":/usr/bin:/bin")),
                List.of("bash", "-c", "source <(pitr completion) && complete -p pitr"))
                .await(Duration.ofMinutes(1));
        assertThat(bash.exitCode()).as(bash.toString()).isZero();
        assertThat(bash.stdout()).containsExactly("complete -o default -F _complete_pitr pitr");
    }

    /**
     * The demo in a pseudo-terminal ({@code script} of util-linux, on every Debian and Ubuntu
     * machine): stderr is a terminal, so progress is the bar, from its first drawing (nothing
     * acknowledged yet: ETA "?") to its last (every item: ETA 0), and no progress lines.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void demo_inATerminal_drawsTheProgressBar_insteadOfProgressLines() throws Exception {
        assertThat(Path.of("/usr/bin/script")).as("script, of util-linux").isExecutable();
        Map<String, String> terminal = new HashMap<>(Map.of("JAVA_HOME", JAVA_HOME, "LANG", "C.UTF-8", "TERM", "xterm",
                "COLUMNS", "100"));
        CliProcess.Result run = CliProcess.exec(dir, env(terminal),
                List.of("/usr/bin/script", "-q", "-e", "-c", "'" + onPath + "' demo", "/dev/null"))
                .await(Duration.ofMinutes(2));

        String screen = String.join("\n", run.stdout());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(screen).contains("pitr: demo passed: the restored table equals the expected state")
                .containsPattern("pitr   0% \\|\\s+\\|    0/1385 items \\(0:00:0\\d / \\?\\)")
                .containsPattern("pitr 100% \\|█+\\| 1385/1385 items \\(\\d:\\d\\d:\\d\\d / 0:00:00\\) "
                        + "(\\d+ items/s, )?export 3/3")
                .contains("\033[K");
        assertThat(Pattern.compile("pitr: export \\d/3: \\d+/1385 items applied").matcher(screen).find())
                .as("no progress lines in a terminal").isFalse();
    }

    /** {@code vars} with JAVA_OPTS, and PITR_PROGRESS empty (auto) whatever the build's environment says. */
    private static Map<String, String> env(Map<String, String> vars) {
        Map<String, String> env = new HashMap<>(Map.of("JAVA_OPTS", JAVA_OPTS, "PITR_PROGRESS", ""));
        env.putAll(vars);
        return env;
    }
}
