package dev.pitr.examples;

import dev.pitr.s3.S3Uri;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pitr policy}: the least-privilege IAM policy a restore needs, as JSON on stdout. */
@Command(name = "policy", sortOptions = false,
        mixinStandardHelpOptions = true, version = PitrCli.VERSION,
        header = "Print the least-privilege IAM policy for a restore (or, with --verify, a verify).",
        description = {"Prints the least-privilege IAM policy (JSON) for a restore: read the export objects under one"
                + " bucket prefix (no listing), describe and batch-write one table, and read and write the"
                + " checkpoint and report locations given.",
            "With --verify, the policy of pitr verify: read the exports, describe, scan and batch-get the table"
                    + " (and batch-write it with --repair), write the report.",
            "With --revert, the policy of pitr revert: read the exports, batch-get the table's items, put and delete"
                    + " them one by one on conditions, and keep its checkpoints."})
final class PolicyCommand implements Callable<Integer> {
    private static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");
    private static final Pattern KMS_KEY_ARN = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/.+");

    @Spec
    CommandSpec spec;

    @Option(names = "--table", required = true, paramLabel = "TABLE", description = "The target table's name.")
    String table;

    @Option(names = "--bucket", required = true, paramLabel = "BUCKET",
            description = "The bucket the exports are in (a name, or s3://bucket/prefix/ to give the prefix too).")
    String bucket;

    @Option(names = "--prefix", paramLabel = "PREFIX",
            description = "The exports' prefix in the bucket (the part before AWSDynamoDB/), if any.")
    String prefix;

    @Option(names = "--checkpoint", paramLabel = "URI",
            description = "The restore's --checkpoint, when it is s3://bucket/prefix/ or dynamodb://table.")
    String checkpoint;

    @Option(names = "--report", paramLabel = "URI", description = "The restore's --report, when it is s3://bucket/key.")
    String report;

    @Option(names = "--region", paramLabel = "REGION", description = "The table's region (default: any).")
    String region;

    @Option(names = "--account", paramLabel = "ACCOUNT", description = "The table's 12-digit account (default: any).")
    String account;

    @Option(names = "--verify", description = "The policy of pitr verify: the table is read (DescribeTable, Scan,"
            + " BatchGetItem), not written.")
    boolean verify;

    @Option(names = "--repair", description = "With --verify: pitr verify --repair also writes the table (BatchWriteItem).")
    boolean repair;

    @Option(names = "--revert", description = "The policy of pitr revert: the table's items are read by key"
            + " (BatchGetItem) and written one by one on conditions (PutItem, DeleteItem).")
    boolean revert;

    @Option(names = "--kms-key-arn", paramLabel = "ARN",
            description = "The KMS key the exports are encrypted with (SSE-KMS), to allow kms:Decrypt.")
    String kmsKeyArn;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(policy().toJson());
        return ExitCode.OK;
    }

    /**
     * The policy the options describe.
     *
     * @throws UsageException naming the first value that cannot be in an ARN
     */
    IamPolicy policy() {
        if (revert && verify) {
            throw new UsageException("--revert and --verify are two commands' policies: give one");
        }
        if (repair && !verify) {
            throw new UsageException("--repair goes with --verify (a restore always writes the table)");
        }
        if (verify && checkpoint != null) {
            throw new UsageException("--checkpoint is a restore's: pitr verify keeps no checkpoint");
        }
        if (!TABLE.matcher(table).matches()) {
            throw new UsageException("--table \"" + table + "\" is not a DynamoDB table name (3 to 255 of a-z A-Z"
                    + " 0-9 _ . -)");
        }
        String bucketName = bucket.trim();
        String exportPrefix = prefix;
        if (bucketName.toLowerCase(java.util.Locale.ROOT).startsWith("s3://")) {
            S3Uri uri = UsageException.check(() -> S3Uri.parse(bucket.trim()));
            if (!uri.key().isEmpty()) {
                if (prefix != null) {
                    throw new UsageException("--bucket " + bucket + " holds a prefix and --prefix gives another: give"
                            + " one of them");
                }
                exportPrefix = uri.key();
            }
            bucketName = uri.bucket();
        } else {
            String name = bucketName;
            UsageException.check(() -> new S3Uri(name, ""));
        }
        if (account != null && !ACCOUNT.matcher(account).matches()) {
            throw new UsageException("--account \"" + account + "\" is not a 12-digit AWS account id");
        }
        if (region != null && !REGION.matcher(region).matches()) {
            throw new UsageException("--region \"" + region + "\" is not an AWS region name (like eu-west-1)");
        }
        if (kmsKeyArn != null && !KMS_KEY_ARN.matcher(kmsKeyArn).matches()) {
            throw new UsageException("--kms-key-arn \"" + kmsKeyArn + "\" is not a KMS key ARN"
                    + " (arn:aws:kms:REGION:ACCOUNT:key/ID)");
        }
        String checkpointResource = null;
        if (checkpoint != null) {
            CheckpointUri c = CheckpointUri.parse(checkpoint);
            checkpointResource = c instanceof CheckpointUri.Local ? null : c.toString();
        }
        String reportResource = null;
        if (report != null) {
            ReportTarget r = ReportTarget.parse(report);
            reportResource = r instanceof ReportTarget.S3Object ? r.toString() : null;
        }
        IamPolicy.Access access = revert ? IamPolicy.Access.REVERT : !verify ? IamPolicy.Access.RESTORE
                : repair ? IamPolicy.Access.VERIFY_AND_REPAIR : IamPolicy.Access.VERIFY;
        return new IamPolicy(access, table, bucketName, exportPrefix, region, account, checkpointResource,
                reportResource, kmsKeyArn);
    }
}
