package dev.pitr.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Key;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files: what a new command truncates, and what a resumed one keeps. */
class KeyFileTest {
    @TempDir
    Path dir;

    private static Key key(String pk) {
        return new Key(Map.of("pk", new AttributeValue.S(pk)));
    }

    private static String line(String pk) {
        return "{\"kind\":\"conflict\",\"key\":{\"pk\":{\"S\":\"" + pk + "\"}}}";
    }

    @Test
    void resumable_keepsTheFirstLinesAsked_dropsTheRest_andGoesOnAfterThem() throws Exception {
        Path file = dir.resolve("conflicts.jsonl");
        // Three whole lines and a fourth cut off by a kill.
        Files.writeString(file, line("a") + "\n" + line("b") + "\n" + line("c") + "\n{\"kind\":\"conf");

        try (KeyFile f = KeyFile.resumable("--conflicts", file)) {
            assertThat(f.keep(2)).isEqualTo(2);
            f.write("conflict", key("d"), false);
            // Flushed as written: a process killed now leaves the line.
            assertThat(Files.readAllLines(file)).containsExactly(line("a"), line("b"), line("d"));
        }
    }

    @Test
    void resumable_keepingMoreThanTheFileHolds_keepsItsWholeLines_andSaysHowMany() throws Exception {
        Path file = dir.resolve("conflicts.jsonl");
        Files.writeString(file, line("a") + "\n{\"kind\"");

        try (KeyFile f = KeyFile.resumable("--conflicts", file)) {
            assertThat(f.keep(5)).isEqualTo(1);
            f.write("conflict", key("b"), false);
        }
        assertThat(Files.readAllLines(file)).containsExactly(line("a"), line("b"));
    }

    @Test
    void resumable_keepingNone_startsTheFileAfresh_andANewFileIsCreated() throws Exception {
        Path old = dir.resolve("old.jsonl");
        Files.writeString(old, line("a") + "\n");
        Path absent = dir.resolve("new.jsonl");

        try (KeyFile f = KeyFile.resumable("--conflicts", old); KeyFile g = KeyFile.resumable("--conflicts", absent)) {
            assertThat(f.keep(0)).isZero();
            assertThat(g.keep(3)).isZero();
            g.write("conflict", key("x"), false);
        }
        assertThat(Files.readAllBytes(old)).isEmpty();
        assertThat(Files.readAllLines(absent)).containsExactly(line("x"));
    }

    @Test
    void resumable_neverKept_leavesTheFileAsItWas() throws Exception {
        Path file = dir.resolve("conflicts.jsonl");
        Files.writeString(file, line("a") + "\n");

        KeyFile.resumable("--conflicts", file).close();

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(line("a") + "\n");
    }

    @Test
    void keep_overLongFiles_countsLinesAcrossReads() throws Exception {
        Path file = dir.resolve("conflicts.jsonl");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            many.append(line("k" + i)).append('\n');
        }
        Files.writeString(file, many);

        try (KeyFile f = KeyFile.resumable("--conflicts", file)) {
            assertThat(f.keep(4321)).isEqualTo(4321);
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(4321);
        assertThat(lines.get(4320)).isEqualTo(line("k4320"));
    }

    @Test
    void resumable_inAMissingFolder_isAUsageError() {
        assertThatThrownBy(() -> KeyFile.resumable("--conflicts", dir.resolve("nope/conflicts.jsonl")))
                .isInstanceOf(UsageException.class).hasMessageContaining("does not exist");
    }
}
