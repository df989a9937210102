package dev.pitr.testing.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitr.model.KeySchema;
import dev.pitr.testing.net.Listening;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The launcher keeps DynamoDB Local, which takes any credentials, off every interface but loopback. */
class DynamoDbLocalTest {

    @Test
    void start_listensOnLoopbackOnly_andServes() throws Exception {
        try (DynamoDbLocal local = DynamoDbLocal.start()) {
            assertThat(local.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(Listening.accepts(InetAddress.getByName("127.0.0.1"), local.port())).isTrue();
            String table = DynamoDbLocal.uniqueTableName("loopback");
            local.createTable(table, KeySchema.of("pk", KeySchema.ScalarType.S));
            assertThat(local.countItems(table)).isZero();

            List<InetAddress> others = Listening.nonLoopbackAddresses();
            Assumptions.assumeFalse(others.isEmpty(), "this machine has no address but loopback ones to try");
            for (InetAddress a : others) {
                assertThat(Listening.accepts(a, local.port())).as("connects on %s:%d", a, local.port()).isFalse();
            }
        }
    }

    @Test
    void twoServers_listenOnTwoPorts() {
        try (DynamoDbLocal a = DynamoDbLocal.start(); DynamoDbLocal b = DynamoDbLocal.start()) {
            assertThat(a.port()).isNotEqualTo(b.port());
        }
    }
}
