package dev.pitr.model;

import java.util.Objects;

/**
 * Where an operation came from: the data file (as its source names it) and the 1-based line.
 */
public record Origin(String file, long line) {
    public Origin {
        Objects.requireNonNull(file, "file");
        if (line < 1) {
            throw new IllegalArgumentException("line is 1-based, got " + line);
        }
    }

    @Override
    public String toString() {
        return file + " line " + line;
    }
}
