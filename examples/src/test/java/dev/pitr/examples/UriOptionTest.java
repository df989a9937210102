package dev.pitr.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UriOptionTest {
    @TempDir
    Path dir;

    @Test
    void of_emptyOrBlank_isAUsageErrorSayingWhatToGive() {
        assertThatThrownBy(() -> UriOption.of("--export", "  ", "an export folder")).isInstanceOf(UsageException.class)
                .hasMessage("--export is empty: give an export folder");
        assertThatThrownBy(() -> UriOption.of("--report", null, "a file")).isInstanceOf(UsageException.class)
                .hasMessage("--report is empty: give a file");
    }

    @Test
    void hasScheme_ignoresCase_andAfterSchemeIsTheRest() {
        UriOption value = UriOption.of("--checkpoint", " DynamoDB://cp-table ", "x");

        assertThat(value.text()).isEqualTo("DynamoDB://cp-table");
        assertThat(value.hasScheme("dynamodb")).isTrue();
        assertThat(value.hasScheme("s3")).isFalse();
        assertThat(value.afterScheme()).isEqualTo("cp-table");
    }

    @Test
    void path_pathsAndFileUris_areLocal_otherSchemesAreRefusedNamingTheOption() {
        assertThat(UriOption.of("--report", dir.toString(), "x").path()).isEqualTo(dir);
        assertThat(UriOption.of("--report", dir.toUri().toString(), "x").path()).isEqualTo(dir);
        assertThatThrownBy(() -> UriOption.of("--report", "gs://b/r.json", "x").path())
                .isInstanceOf(UsageException.class).hasMessage("--report gs://b/r.json: scheme gs:// is not supported here");
    }

    @Test
    void s3_aBadBucket_isAUsageError() {
        assertThat(UriOption.of("--report", "s3://ops/r.json", "x").s3().bucket()).isEqualTo("ops");
        assertThatThrownBy(() -> UriOption.of("--report", "s3://bad bucket/r.json", "x").s3())
                .isInstanceOf(UsageException.class).hasMessageContaining("bad bucket");
    }
}
