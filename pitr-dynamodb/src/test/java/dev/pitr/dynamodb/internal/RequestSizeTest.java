package dev.pitr.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Checks the request-size estimate against the SDK's own marshalling: a client whose interceptor
 * reads the body length just before transmission, then stops the call (nothing is sent).
 */
class RequestSizeTest {
    private static final AtomicLong bodyLength = new AtomicLong();
    private static DynamoDbClient client;

    /** Thrown by the interceptor to stop a call once its body is measured. */
    private static final class Measured extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Measured() {
            super("measured", null, false, false);
        }
    }

    @BeforeAll
    static void measuringClient() {
        client = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .addExecutionInterceptor(new ExecutionInterceptor() {
                            @Override
                            public void beforeTransmission(Context.BeforeTransmission context,
                                                           ExecutionAttributes attributes) {
                                bodyLength.set(context.requestBody().orElseThrow().optionalContentLength().orElseThrow());
                                throw new Measured();
                            }
                        }))
                .build();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static long sdkBodyLength(List<WriteOp> ops) {
        List<WriteRequest> requests = new ArrayList<>();
        for (WriteOp op : ops) {
            requests.add(SdkValues.writeRequest(op));
        }
        assertThatThrownBy(() -> client.batchWriteItem(b -> b.requestItems(Map.of("some-table-name", requests))
                .returnConsumedCapacity("TOTAL")))
                .isInstanceOf(Measured.class);
        return bodyLength.get();
    }

    private static long estimate(List<WriteOp> ops) {
        long sum = RequestSize.ENVELOPE_BYTES;
        for (WriteOp op : ops) {
            sum += RequestSize.of(op);
        }
        return sum;
    }

    @Test
    void estimate_eachKindOfValue_isAnUpperBoundOfTheSdkBody() {
        for (Map<String, AttributeValue> attrs : awkwardItems()) {
            List<WriteOp> ops = List.of(new WriteOp.Put(new Item(attrs), new Origin("f", 1), 1));
            assertThat(estimate(ops)).as(attrs.keySet().toString()).isGreaterThanOrEqualTo(sdkBodyLength(ops));
        }
        List<WriteOp> delete = List.of(new WriteOp.Delete(Key.of("pk", new AttributeValue.S("\"\\\u0000é")),
                new Origin("f", 1), 1));
        assertThat(estimate(delete)).isGreaterThanOrEqualTo(sdkBodyLength(delete));
    }

    @Test
    void estimate_randomBatchesOf25_boundTheSdkBody_withoutGrossOverestimate() {
        Random random = new Random(3);
        for (int round = 0; round < 20; round++) {
            List<WriteOp> ops = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                Map<String, AttributeValue> attrs = new LinkedHashMap<>();
                attrs.put("pk", new AttributeValue.S("key-" + round + "-" + i));
                attrs.put("text", new AttributeValue.S(randomText(random, random.nextInt(2000))));
                attrs.put("n", new AttributeValue.N(Integer.toString(random.nextInt())));
                byte[] bytes = new byte[random.nextInt(300)];
                random.nextBytes(bytes);
                attrs.put("bin", AttributeValue.B.wrap(bytes));
                ops.add(new WriteOp.Put(new Item(attrs), new Origin("f", i + 1), 1));
            }
            long actual = sdkBodyLength(ops);
            long estimated = estimate(ops);
            assertThat(estimated).isGreaterThanOrEqualTo(actual);
            assertThat(estimated).isLessThan(actual * 2 + RequestSize.ENVELOPE_BYTES);
        }
    }

    @Test
    void estimate_plainAsciiItems_isWithinAFewPercentOfTheSdkBody() {
        List<WriteOp> ops = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Map<String, AttributeValue> attrs = new LinkedHashMap<>();
            attrs.put("pk", new AttributeValue.S("customer#" + i));
            attrs.put("payload", new AttributeValue.S("x".repeat(20_000)));
            ops.add(new WriteOp.Put(new Item(attrs), new Origin("f", i + 1), 1));
        }
        long actual = sdkBodyLength(ops);
        assertThat(estimate(ops) - RequestSize.ENVELOPE_BYTES).isBetween(actual - 100, (long) (actual * 1.02));
    }

    private static List<Map<String, AttributeValue>> awkwardItems() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        items.add(Map.of("pk", new AttributeValue.S("\u0000\u0001\n\t\"\\ control and escapes")));
        items.add(Map.of("pk", new AttributeValue.S("é中😀 multi-byte"), "ünï", new AttributeValue.S("\uD83D\uDE00")));
        items.add(Map.of("pk", new AttributeValue.S("b"), "bin", AttributeValue.B.wrap(new byte[] {0, (byte) 0xff, 7, 1})));
        items.add(Map.of("pk", new AttributeValue.S("n"), "num", new AttributeValue.N("-1.2345678901234567890123456789012345678E-100")));
        Map<String, AttributeValue> nested = new LinkedHashMap<>();
        nested.put("inner\"name", new AttributeValue.L(List.of(AttributeValue.Null.INSTANCE, AttributeValue.Bool.TRUE,
                new AttributeValue.M(Map.of("deep", new AttributeValue.S("\u001f"))))));
        items.add(Map.of("pk", new AttributeValue.S("m"), "map", new AttributeValue.M(nested)));
        Set<String> strings = new LinkedHashSet<>(List.of("a", "\"q\"", "é"));
        items.add(Map.of("pk", new AttributeValue.S("sets"), "ss", new AttributeValue.SS(strings),
                "ns", new AttributeValue.NS(new LinkedHashSet<>(List.of("1", "-0.5", "1E+10"))),
                "bs", new AttributeValue.BS(Set.of(AttributeValue.B.wrap(new byte[] {1}), AttributeValue.B.wrap(new byte[0])))));
        items.add(Map.of("pk", new AttributeValue.S(""), "empty", new AttributeValue.S(""),
                "l", new AttributeValue.L(List.of()), "m", new AttributeValue.M(Map.of())));
        return items;
    }

    private static String randomText(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind == 0) {
                sb.append((char) random.nextInt(0x20));
            } else if (kind == 1) {
                sb.append((char) (0x80 + random.nextInt(0x700)));
            } else if (kind == 2) {
                sb.append((char) (0x800 + random.nextInt(0xD000 - 0x800)));
            } else if (kind == 3) {
                sb.appendCodePoint(0x10000 + random.nextInt(0x1000));
            } else {
                sb.append((char) (0x20 + random.nextInt(0x5f)));
            }
        }
        return sb.toString();
    }
}
