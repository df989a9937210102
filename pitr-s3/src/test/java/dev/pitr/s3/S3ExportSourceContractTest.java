package dev.pitr.s3;

import dev.pitr.source.ExportSource;
import dev.pitr.testing.GeneratedExport;
import dev.pitr.testing.contract.ExportSourceContract;
import dev.pitr.testing.s3.S3ProxyExtension;
import dev.pitr.testing.s3.S3ProxyServer;
import dev.pitr.testing.s3.S3TestClients;
import dev.pitr.testing.s3.S3TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * {@link S3ExportSource} on s3proxy passes the contract every export source passes. Parts of the
 * smallest size, so that a data file is read through several ranged GETs.
 */
@ExtendWith(S3ProxyExtension.class)
class S3ExportSourceContractTest extends ExportSourceContract {
    private static S3AsyncClient client;
    private static S3TestData data;

    @BeforeAll
    static void client(S3ProxyServer server) {
        client = S3TestClients.client(server.endpoint());
        data = new S3TestData(client);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Override
    protected ExportSource sourceOf(GeneratedExport export) {
        String bucket = data.newBucket("contract");
        data.uploadFolder(bucket, export.bucketRoot());
        String folder = export.bucketRoot().relativize(export.exportDir()).toString().replace('\\', '/');
        return S3ExportSource.builder().client(client).exportUri("s3://" + bucket + "/" + folder + "/")
                .partSize(S3ExportSource.MIN_PART_SIZE).build();
    }
}
