package dev.pitr.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointCodecTest {
    private static final Instant AT = Instant.parse("2026-02-03T04:05:06Z");

    @Test
    void toJsonThenFromJson_keepsTheTarget() {
        Checkpoint c = new Checkpoint("r1", List.of("arn:e1", "arn:e2"), "arn:aws:dynamodb:eu-west-1:1:table/orders",
                1, Map.of("data/a.json.gz", new Checkpoint.FileProgress(5, false)), "run-1", AT);

        byte[] json = CheckpointCodec.toJson(c);

        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"target\" : \"arn:aws:dynamodb:eu-west-1:1:table/orders\"");
        assertThat(CheckpointCodec.fromJson(json, "test")).isEqualTo(c);
    }

    @Test
    void fromJson_aCheckpointSavedBeforeTargetsWereRecorded_readsWithoutATarget() {
        String old = """
                {
                  "format" : 1,
                  "restoreId" : "restore-01-a",
                  "chain" : [ "arn:e1", "arn:e2" ],
                  "exportIndex" : 1,
                  "files" : { "data/a.json.gz" : { "linesDone" : 7, "done" : false } },
                  "updatedAt" : "2026-02-03T04:05:06Z"
                }
                """;

        Checkpoint c = CheckpointCodec.fromJson(old.getBytes(StandardCharsets.UTF_8), "old");

        assertThat(c.target()).isNull();
        assertThat(c.chain()).containsExactly("arn:e1", "arn:e2");
        assertThat(c.exportIndex()).isEqualTo(1);
        assertThat(c.linesDone("data/a.json.gz")).isEqualTo(7);
    }

    @Test
    void toJson_withoutATarget_writesNoTargetField() {
        Checkpoint c = new Checkpoint("r1", List.of("arn:e1"), 0, Map.of(), null, AT);

        assertThat(new String(CheckpointCodec.toJson(c), StandardCharsets.UTF_8)).doesNotContain("target");
        assertThat(CheckpointCodec.fromJson(CheckpointCodec.toJson(c), "test")).isEqualTo(c);
    }
}
