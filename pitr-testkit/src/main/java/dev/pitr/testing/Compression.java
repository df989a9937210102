package dev.pitr.testing;

/** How generated data files are compressed. */
public enum Compression {
    /** Single-member gzip, as DynamoDB writes it: {@code .json.gz} / {@code .ion.gz}. */
    GZIP(".gz"),
    /** One Zstandard frame: {@code .json.zst} / {@code .ion.zst} (accepted by ImportTable). */
    ZSTD(".zst"),
    /** Plain text: {@code .json} / {@code .ion}. */
    NONE("");

    private final String extension;

    Compression(String extension) {
        this.extension = extension;
    }

    /** The file name suffix after the format's ({@code .gz}, {@code .zst} or empty). */
    public String extension() {
        return extension;
    }
}
