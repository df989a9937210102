package dev.pitr.spark;

import dev.pitr.testing.dynamodb.DynamoDbLocal;
import org.apache.spark.sql.SparkSession;

/** A local Spark for tests: loopback only, no UI, and the AWS credentials the local servers take. */
final class SparkTesting {
    private SparkTesting() {
    }

    /**
     * A session on {@code threads} local cores in which a task may fail up to 4 times, as on a
     * cluster ({@code local[N]} alone gives a task one try).
     */
    static SparkSession session(int threads) {
        // Executors of a local master are this JVM: the default chains find these.
        System.setProperty("aws.accessKeyId", DynamoDbLocal.CREDENTIALS.accessKeyId());
        System.setProperty("aws.secretAccessKey", DynamoDbLocal.CREDENTIALS.secretAccessKey());
        System.setProperty("aws.region", DynamoDbLocal.REGION.id());
        return SparkSession.builder().appName("pitr-spark-test").master("local[" + threads + ",4]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                // Kryo without pitr's registrator, as many clusters set it: what the job ships must
                // go through Kryo's default serializers (the runnable jar's tests use pitr's).
                .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .getOrCreate();
    }
}
