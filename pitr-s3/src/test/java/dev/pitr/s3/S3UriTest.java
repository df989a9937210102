package dev.pitr.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class S3UriTest {

    @Test
    void parse_splitsBucketAndKey_keepingTheKeyAsWritten() {
        S3Uri u = S3Uri.parse("s3://my-bucket/a b/%20/c.json");
        assertThat(u.bucket()).isEqualTo("my-bucket");
        assertThat(u.key()).isEqualTo("a b/%20/c.json");
        assertThat(u).hasToString("s3://my-bucket/a b/%20/c.json");
        assertThat(u.fileName()).isEqualTo("c.json");
    }

    @Test
    void parse_bucketAlone_isTheRoot() {
        assertThat(S3Uri.parse("s3://b.c").key()).isEmpty();
        assertThat(S3Uri.parse("S3://b.c/").key()).isEmpty();
        assertThat(S3Uri.parse("s3://b.c/")).hasToString("s3://b.c/");
    }

    @Test
    void parse_rejectsOtherSchemesAndBadBuckets_namingTheText() {
        assertThatThrownBy(() -> S3Uri.parse("https://b/k")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"https://b/k\"");
        assertThatThrownBy(() -> S3Uri.parse("s3:///k")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"s3:///k\"").hasMessageContaining("empty");
        assertThatThrownBy(() -> S3Uri.parse("s3://bu cket/k")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"s3://bu cket/k\"");
        assertThatThrownBy(() -> S3Uri.parse("s3://b//k")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"s3://b//k\"");
    }

    @Test
    void withKey_keepsTheBucket() {
        assertThat(S3Uri.parse("s3://b/x/").withKey("y/z")).isEqualTo(new S3Uri("b", "y/z"));
        assertThat(new S3Uri("b", "x/y/").fileName()).isEqualTo("y");
    }
}
