package dev.pitr.examples;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The least-privilege IAM policy for a restore: read the export objects under one prefix (never
 * list them: pitr reads what the manifests name), describe and batch-write one table (and scan one
 * key of it: whether it holds items before a FULL export), and, when
 * checkpoints or the report live in S3 or DynamoDB, read and write exactly those. A verify reads
 * the table instead (DescribeTable, Scan, BatchGetItem for a sample), and writes it only to repair;
 * a revert reads items by key and writes them one by one on conditions (PutItem, DeleteItem).
 *
 * @param access          what is done to the table
 * @param table           the target table name
 * @param bucket          the export bucket
 * @param prefix          the export prefix, or {@code null} when exports sit at the bucket root
 * @param region          the table's region, or {@code null} for any
 * @param account         the table's account, or {@code null} for any
 * @param checkpoint      the checkpoint URI ({@code s3://bucket/key}, {@code dynamodb://table}), or
 *                        {@code null} / a local path when no AWS permission is needed
 * @param report          the report URI when it is written to S3, or {@code null}
 * @param kmsKeyArn       the KMS key the export is encrypted with (SSE-KMS), or {@code null}
 */
public record IamPolicy(Access access, String table, String bucket, String prefix, String region, String account, String checkpoint,
                        String report, String kmsKeyArn) {

    /** What a command does to the table. */
    public enum Access {
        /** {@code pitr restore}: describe and batch-write. */
        RESTORE,
        /** {@code pitr verify}: describe, scan and batch-get. */
        VERIFY,
        /** {@code pitr verify --repair}: a verify's reads, and batch-writes. */
        VERIFY_AND_REPAIR,
        /** {@code pitr revert}: describe, batch-get the current items, conditional puts and deletes. */
        REVERT
    }

    public IamPolicy {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(bucket, "bucket");
    }

    /** The policy document as pretty-printed JSON. */
    public String toJson() {
        List<Statement> statements = new ArrayList<>();
        String s3 = "arn:" + partition() + ":s3:::";
        String exports = s3 + bucket + "/" + (prefix == null || prefix.isEmpty() ? "" : trimSlashes(prefix) + "/")
                + "AWSDynamoDB/*";
        statements.add(new Statement("ReadExports", List.of("s3:GetObject"), List.of(exports)));
        String r = region == null ? "*" : region;
        String a = account == null ? "*" : account;
        List<String> tableActions = switch (access) {
            case RESTORE -> List.of("dynamodb:DescribeTable", "dynamodb:Scan", "dynamodb:BatchWriteItem");
            case VERIFY -> List.of("dynamodb:DescribeTable", "dynamodb:Scan", "dynamodb:BatchGetItem");
            case VERIFY_AND_REPAIR -> List.of("dynamodb:DescribeTable", "dynamodb:Scan", "dynamodb:BatchGetItem",
                    "dynamodb:BatchWriteItem");
            case REVERT -> List.of("dynamodb:DescribeTable", "dynamodb:BatchGetItem", "dynamodb:PutItem",
                    "dynamodb:DeleteItem");
        };
        String sid = switch (access) {
            case RESTORE -> "WriteTargetTable";
            case VERIFY -> "ReadTable";
            case VERIFY_AND_REPAIR -> "ReadAndRepairTable";
            case REVERT -> "RevertTable";
        };
        statements.add(new Statement(sid, tableActions,
                List.of("arn:" + partition() + ":dynamodb:" + r + ":" + a + ":table/" + table)));
        if (checkpoint != null && checkpoint.startsWith("s3://")) {
            statements.add(new Statement("Checkpoints", List.of("s3:GetObject", "s3:PutObject"),
                    List.of(s3 + checkpoint.substring("s3://".length()) + "*")));
        } else if (checkpoint != null && checkpoint.startsWith("dynamodb://")) {
            String t = checkpoint.substring("dynamodb://".length());
            statements.add(new Statement("Checkpoints", List.of("dynamodb:DescribeTable", "dynamodb:GetItem",
                    "dynamodb:PutItem"), List.of("arn:" + partition() + ":dynamodb:" + r + ":" + a + ":table/" + t)));
        }
        if (report != null && report.startsWith("s3://")) {
            statements.add(new Statement("Report", List.of("s3:PutObject"),
                    List.of(s3 + report.substring("s3://".length()))));
        }
        if (kmsKeyArn != null) {
            statements.add(new Statement("DecryptExports", List.of("kms:Decrypt"), List.of(kmsKeyArn)));
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("Version", "2012-10-17");
            g.writeArrayFieldStart("Statement");
            for (Statement s : statements) {
                g.writeStartObject();
                g.writeStringField("Sid", s.sid());
                g.writeStringField("Effect", "Allow");
                g.writeArrayFieldStart("Action");
                for (String action : s.actions()) {
                    g.writeString(action);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("Resource");
                for (String resource : s.resources()) {
                    g.writeString(resource);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The ARN partition of the region: {@code aws-cn} and {@code aws-us-gov} regions have their own. */
    private String partition() {
        if (region == null) {
            return "aws";
        }
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    private static String trimSlashes(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == '/') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == '/') {
            to--;
        }
        return s.substring(from, to);
    }

    private record Statement(String sid, List<String> actions, List<String> resources) {
    }
}
