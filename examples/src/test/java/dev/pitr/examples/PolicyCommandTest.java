package dev.pitr.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PolicyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static IamPolicy policy(String... args) {
        PolicyCommand command = new PolicyCommand();
        new CommandLine(command).parseArgs(args);
        return command.policy();
    }

    private static List<String> statement(IamPolicy policy, String sid, String field) throws Exception {
        List<String> values = new ArrayList<>();
        for (JsonNode s : JSON.readTree(policy.toJson()).get("Statement")) {
            if (s.get("Sid").asText().equals(sid)) {
                s.get(field).forEach(v -> values.add(v.asText()));
            }
        }
        return values;
    }

    @Test
    void policy_minimal_readsExportsUnderTheBucketAndWritesTheTableInAnyRegion() throws Exception {
        IamPolicy p = policy("--table", "orders", "--bucket", "my-exports");

        assertThat(statement(p, "ReadExports", "Action")).containsExactly("s3:GetObject");
        assertThat(statement(p, "ReadExports", "Resource")).containsExactly("arn:aws:s3:::my-exports/AWSDynamoDB/*");
        assertThat(statement(p, "WriteTargetTable", "Action")).as("Scan: whether a FULL export's target holds items")
                .containsExactly("dynamodb:DescribeTable", "dynamodb:Scan", "dynamodb:BatchWriteItem");
        assertThat(statement(p, "WriteTargetTable", "Resource")).containsExactly("arn:aws:dynamodb:*:*:table/orders");
        assertThat(statement(p, "Checkpoints", "Resource")).isEmpty();
    }

    @Test
    void policy_s3UriAsBucket_givesThePrefix_andS3CheckpointAndReportAreGranted() throws Exception {
        IamPolicy p = policy("--table", "orders", "--bucket", "s3://my-exports/prod/orders/", "--checkpoint",
                "s3://ops/pitr", "--report", "s3://ops/pitr/report.json", "--kms-key-arn",
                "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");

        assertThat(statement(p, "ReadExports", "Resource")).containsExactly("arn:aws:s3:::my-exports/prod/orders/AWSDynamoDB/*");
        assertThat(statement(p, "Checkpoints", "Action")).containsExactly("s3:GetObject", "s3:PutObject");
        assertThat(statement(p, "Checkpoints", "Resource")).containsExactly("arn:aws:s3:::ops/pitr/*");
        assertThat(statement(p, "Report", "Resource")).containsExactly("arn:aws:s3:::ops/pitr/report.json");
        assertThat(statement(p, "DecryptExports", "Action")).containsExactly("kms:Decrypt");
    }

    @Test
    void policy_localCheckpointAndReport_needNoPermission() throws Exception {
        IamPolicy p = policy("--table", "orders", "--bucket", "b-1", "--checkpoint", "pitr-checkpoints", "--report",
                "report.json");

        assertThat(statement(p, "Checkpoints", "Resource")).isEmpty();
        assertThat(statement(p, "Report", "Resource")).isEmpty();
    }

    @Test
    void policy_chinaAndGovCloudRegions_useTheirPartition() throws Exception {
        assertThat(statement(policy("--table", "orders", "--bucket", "b-1", "--region", "cn-north-1"),
                "WriteTargetTable", "Resource")).containsExactly("arn:aws-cn:dynamodb:cn-north-1:*:table/orders");
        assertThat(statement(policy("--table", "orders", "--bucket", "b-1", "--region", "us-gov-west-1"),
                "ReadExports", "Resource")).containsExactly("arn:aws-us-gov:s3:::b-1/AWSDynamoDB/*");
    }

    @Test
    void policy_badValues_areUsageErrors() {
        assertThatThrownBy(() -> policy("--table", "orders", "--bucket", "s3://b-1/p/", "--prefix", "q"))
                .isInstanceOf(UsageException.class).hasMessageContaining("give one of them");
        assertThatThrownBy(() -> policy("--table", "o", "--bucket", "b-1")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> policy("--table", "orders", "--bucket", "b 1")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> policy("--table", "orders", "--bucket", "b-1", "--region", "europe"))
                .isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> policy("--table", "orders", "--bucket", "b-1", "--kms-key-arn", "alias/x"))
                .isInstanceOf(UsageException.class);
    }

    @Test
    void policyVerify_readsTheTable_andWritesItOnlyToRepair() throws Exception {
        IamPolicy verify = policy("--verify", "--table", "orders", "--bucket", "my-exports", "--region", "eu-west-1",
                "--report", "s3://drills/orders/report.json");
        IamPolicy repair = policy("--verify", "--repair", "--table", "orders", "--bucket", "my-exports");

        assertThat(statement(verify, "ReadTable", "Action")).containsExactly("dynamodb:DescribeTable", "dynamodb:Scan",
                "dynamodb:BatchGetItem");
        assertThat(statement(verify, "ReadTable", "Resource")).containsExactly("arn:aws:dynamodb:eu-west-1:*:table/orders");
        assertThat(statement(verify, "WriteTargetTable", "Action")).isEmpty();
        assertThat(statement(verify, "Report", "Resource")).containsExactly("arn:aws:s3:::drills/orders/report.json");
        assertThat(statement(verify, "ReadExports", "Action")).containsExactly("s3:GetObject");
        assertThat(statement(repair, "ReadAndRepairTable", "Action")).containsExactly("dynamodb:DescribeTable",
                "dynamodb:Scan", "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem");
        assertThatThrownBy(() -> policy("--repair", "--table", "orders", "--bucket", "b-1"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--verify");
        assertThatThrownBy(() -> policy("--verify", "--checkpoint", "s3://b/c/", "--table", "orders", "--bucket", "b-1"))
                .isInstanceOf(UsageException.class).hasMessageContaining("checkpoint");
    }

    @Test
    void policyRevert_readsByKey_writesOneByOne_andKeepsItsCheckpoints() throws Exception {
        IamPolicy revert = policy("--revert", "--table", "orders", "--bucket", "my-exports", "--checkpoint",
                "dynamodb://pitr-checkpoints");

        assertThat(statement(revert, "RevertTable", "Action")).containsExactly("dynamodb:DescribeTable",
                "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:DeleteItem");
        assertThat(statement(revert, "WriteTargetTable", "Action")).isEmpty();
        assertThat(statement(revert, "Checkpoints", "Resource"))
                .containsExactly("arn:aws:dynamodb:*:*:table/pitr-checkpoints");
        assertThatThrownBy(() -> policy("--revert", "--verify", "--table", "orders", "--bucket", "b-1"))
                .isInstanceOf(UsageException.class);
    }
}
