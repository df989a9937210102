package dev.pitr.manifest;

/** How data lines are written. */
public enum OutputFormat {
    /** One DynamoDB JSON object a line; files end in {@code .json.gz}. */
    DYNAMODB_JSON,
    /** One Amazon Ion text value a line; files end in {@code .ion.gz}. */
    ION
}
