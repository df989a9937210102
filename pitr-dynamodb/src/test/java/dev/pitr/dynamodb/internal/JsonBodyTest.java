package dev.pitr.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pitr.dynamodb.testing.RandomItems;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.model.Origin;
import dev.pitr.model.WriteOp;
import dev.pitr.write.JsonLinesDeadLetterSink;
import dev.pitr.write.SkippedOperation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import java.nio.ByteBuffer;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The body pitr writes is the document the SDK marshals for the same batch, and it is what the
 * SDK sends (signed) when swapped in: an async client whose last interceptor captures the
 * transmitted body and Content-Length, then stops the call (nothing is sent).
 */
class JsonBodyTest {
    private static final String TABLE = "some-table_name.1";
    private static final KeySchema SCHEMA = KeySchema.of("pk", KeySchema.ScalarType.S);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicReference<Sent> sent = new AtomicReference<>();
    private static DynamoDbAsyncClient client;

    private record Sent(SdkHttpFullRequest http, boolean async, byte[] body, String contentLength, String authorization) {
    }

    private static byte[] read(java.io.InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes an async body publishes (the one the HTTP client is given). */
    private static byte[] collect(AsyncRequestBody body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        body.subscribe(new Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer b) {
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
        return out.toByteArray();
    }

    /** The SigV4 Authorization header of {@code http} (signed headers as sent) over {@code body}. */
    private static String signature(SdkHttpFullRequest http, byte[] body) {
        String date = http.firstMatchingHeader("X-Amz-Date").orElseThrow();
        java.time.Instant at = java.time.LocalDateTime.parse(date,
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")).toInstant(java.time.ZoneOffset.UTC);
        String authorization = http.firstMatchingHeader("Authorization").orElseThrow();
        String signedHeaders = authorization.replaceAll(".*SignedHeaders=([^,]*).*", "$1");
        SdkHttpFullRequest.Builder unsigned = http.toBuilder().clearHeaders();
        for (String name : signedHeaders.split(";")) {
            http.firstMatchingHeader(name).ifPresent(v -> unsigned.putHeader(name, v));
        }
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create("pitrtest", "pitrtestsecret"))
                .request(unsigned.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, java.time.Clock.fixed(at, java.time.ZoneOffset.UTC)));
        return signed.request().firstMatchingHeader("Authorization").orElseThrow();
    }

    /** Thrown by the interceptor to stop a call once its body is read. */
    private static final class Captured extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Captured() {
            super("captured", null, false, false);
        }
    }

    @BeforeAll
    static void capturingClient() {
        client = DynamoDbAsyncClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .region(Region.US_EAST_1)
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials
                        .create("pitrtest", "pitrtestsecret"))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .putHeader("x-pitr-probe", "kept")
                        .addExecutionInterceptor(new ExecutionInterceptor() {
                            @Override
                            public void beforeTransmission(Context.BeforeTransmission context,
                                                           ExecutionAttributes attributes) {
                                SdkHttpFullRequest http = (SdkHttpFullRequest) context.httpRequest();
                                // The async body is what the HTTP client is given; without one the
                                // SDK makes it from the request's content.
                                boolean async = context.asyncRequestBody().isPresent();
                                byte[] body = async ? collect(context.asyncRequestBody().get())
                                        : read(http.contentStreamProvider().orElseThrow().newStream());
                                sent.set(new Sent(http, async, body, http.firstMatchingHeader("Content-Length").orElse(null),
                                        http.firstMatchingHeader("Authorization").orElse(null)));
                                throw new Captured();
                            }
                        }))
                .build();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static Sent call(BatchWriteItemRequest request) {
        sent.set(null);
        assertThatThrownBy(() -> client.batchWriteItem(request).join())
                .isInstanceOf(CompletionException.class).hasRootCauseInstanceOf(Captured.class);
        return sent.get();
    }

    private static Sent sdkSent(List<WriteOp> ops) {
        List<WriteRequest> requests = new ArrayList<>();
        for (WriteOp op : ops) {
            requests.add(SdkValues.writeRequest(op));
        }
        return call(BatchWriteItemRequest.builder().requestItems(Map.of(TABLE, requests))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
    }

    private static List<Pending> prepared(List<WriteOp> ops) {
        List<Pending> pending = new ArrayList<>();
        for (WriteOp op : ops) {
            pending.add(WriteEngine.prepare(op, SCHEMA, true));
        }
        return pending;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WriteOp.Put put(Map<String, AttributeValue> attributes) {
        return new WriteOp.Put(new Item(attributes), new Origin("f", 1), WriteOp.NO_TIMESTAMP);
    }

    @Test
    void body_equalsTheSdksMarshalling_asJson_overItemsOfEveryShape() {
        Random random = new Random(5);
        for (int round = 0; round < 60; round++) {
            List<WriteOp> ops = RandomItems.ops(random, 1 + random.nextInt(25));
            byte[] own = JsonBody.Envelope.of(TABLE).body(prepared(ops));
            Sent sdk = sdkSent(ops);
            assertThat(parse(own)).as("round %d", round).isEqualTo(parse(sdk.body()));
        }
    }

    @Test
    void entries_areNoLongerThanTheRequestSizeBound_andBodiesWithinTheEnvelopeRoom() {
        Random random = new Random(6);
        for (int round = 0; round < 200; round++) {
            List<WriteOp> ops = RandomItems.ops(random, 25);
            List<Pending> pending = prepared(ops);
            long bound = 0;
            long requestBytes = 0;
            for (int i = 0; i < ops.size(); i++) {
                Pending p = pending.get(i);
                assertThat(p.requestBytes).isEqualTo(p.entry.length + 1L).isLessThanOrEqualTo(RequestSize.of(ops.get(i)));
                bound += RequestSize.of(ops.get(i));
                requestBytes += p.requestBytes;
            }
            byte[] body = JsonBody.Envelope.of(TABLE).body(pending);
            assertThat((long) body.length).isLessThanOrEqualTo(requestBytes + RequestSize.ENVELOPE_BYTES)
                    .isLessThanOrEqualTo(bound + RequestSize.ENVELOPE_BYTES);
        }
    }

    @Test
    void entry_ofPrintableAsciiWithoutFalse_isTheBoundLessItsSlack() {
        // The bound counts exactly what is written for names and values, plus fixed slack per
        // member and per entry: the written length matches it up to that slack.
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("pk", new AttributeValue.S("key"));
        attributes.put("name", new AttributeValue.S("a \"quoted\" \\ value"));
        WriteOp.Put op = put(attributes);
        int written = JsonBody.entry(op).length;
        assertThat(written).isEqualTo("{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"key\"},\"name\":{\"S\":\"a \\\"quoted\\\" \\\\ value\"}}}}"
                .getBytes(StandardCharsets.UTF_8).length);
        // The bound: 32 + 2 around the members and 4 + 8 per member besides name and value; the
        // entry: 26 around the members, 7 per member, a comma between the two and one after it.
        assertThat(RequestSize.of(op) - (written + 1)).isEqualTo((32 + 2 + 2 * 12) - (26 + 2 * 7 + 1 + 1));
    }

    @Test
    void strings_areUtf8_exceptQuotesBackslashesControlsAndLoneSurrogates() {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("pk", new AttributeValue.S("\"\\\u0000\u001f\u007fé中😀/\ud800x\udfff"));
        String json = new String(JsonBody.entry(put(attributes)), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"\\\"\\\\\\u0000\\u001f\u007fé中😀/"
                + "\\ud800x\\udfff\"}}}}");
        assertThat(parse(json.getBytes(StandardCharsets.UTF_8)).at("/PutRequest/Item/pk/S").textValue())
                .isEqualTo("\"\\\u0000\u001f\u007fé中😀/\ud800x\udfff");
    }

    @Test
    void swappedBody_isWhatTheSdkSignsAndSends_withItsLength() {
        Random random = new Random(7);
        List<WriteOp> ops = RandomItems.ops(random, 25);
        byte[] own = JsonBody.Envelope.of(TABLE).body(prepared(ops));
        Sent swapped = call(BodySwap.request(BatchWriteItemRequest.builder()
                .requestItems(Map.of(TABLE, List.of())).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL), own));
        assertThat(swapped.async()).isTrue();
        // The plugin adds its interceptor and leaves the client's other settings as they are.
        assertThat(swapped.http().firstMatchingHeader("x-pitr-probe")).contains("kept");
        assertThat(swapped.body()).isEqualTo(own);
        assertThat(swapped.contentLength()).isEqualTo(Integer.toString(own.length));
        assertThat(swapped.authorization()).startsWith("AWS4-HMAC-SHA256 ")
                .isEqualTo(signature(swapped.http(), own));

        // A request without the attribute is the SDK's own, untouched.
        Sent plain = sdkSent(ops);
        assertThat(plain.contentLength()).isEqualTo(Integer.toString(plain.body().length));
        assertThat(parse(plain.body())).isEqualTo(parse(own));
    }

    @Test
    void deadLetterLine_holdsTheSameBytesAsTheRequestBody_forTheSameOperation(@TempDir Path dir) throws IOException {
        String awkward = "q\"b\\s/\u0000\b\t\n\f\r\u001f\u007f é中\u2028😀𝄞";
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("pk", new AttributeValue.S("key " + awkward));
        attributes.put(awkward, new AttributeValue.S(awkward));
        attributes.put("n", new AttributeValue.N("-12.5E-3"));
        attributes.put("b", AttributeValue.B.of(everyByte));
        attributes.put("bs", new AttributeValue.BS(new LinkedHashSet<>(List.of(AttributeValue.B.of(new byte[] {0}),
                AttributeValue.B.of(new byte[] {(byte) 0xfb, (byte) 0xef, (byte) 0xbe})))));
        attributes.put("ss", new AttributeValue.SS(new LinkedHashSet<>(List.of(awkward, "\"", "😀"))));
        attributes.put("m", new AttributeValue.M(Map.of("in " + awkward, new AttributeValue.L(List.of(
                new AttributeValue.S(awkward), AttributeValue.Bool.FALSE, AttributeValue.Null.INSTANCE)))));
        Key key = Key.of("pk", attributes.get("pk"));
        List<WriteOp> ops = List.of(put(attributes),
                new WriteOp.Delete(key, new Origin("data/" + awkward + ".json.gz", 7), 1_700_000_000_000_000L));

        Path file = dir.resolve("dead.jsonl");
        try (JsonLinesDeadLetterSink sink = JsonLinesDeadLetterSink.open(file)) {
            for (WriteOp op : ops) {
                sink.accept(SkippedOperation.of(op, key, "reason " + awkward));
            }
        }
        byte[] lines = Files.readAllBytes(file);
        List<JsonNode> parsed = new ArrayList<>();
        int from = 0;
        for (WriteOp op : ops) {
            Pending pending = WriteEngine.prepare(op, SCHEMA, true);
            JsonBody.Envelope envelope = JsonBody.Envelope.of(TABLE);
            byte[] body = envelope.body(List.of(pending));
            // The body is the envelope around the entry, the line ends with the same entry.
            assertThat(body).isEqualTo(concat(envelope.start(), pending.entry, envelope.end()));
            int end = indexOf(lines, (byte) '\n', from) + 1;
            byte[] line = java.util.Arrays.copyOfRange(lines, from, end);
            from = end;
            assertThat(line).endsWith(concat(ascii(",\"request\":"), pending.entry, ascii("}\n")));

            // Both are strict JSON that reads back as the operation, and as what the SDK sends.
            parsed.add(parse(line));
            JsonNode request = parsed.get(parsed.size() - 1).get("request");
            assertThat(request).isEqualTo(parse(body).at("/RequestItems/" + TABLE + "/0"))
                    .isEqualTo(parse(sdkSent(List.of(op)).body()).at("/RequestItems/" + TABLE + "/0"));
            assertThat(request.at(op instanceof WriteOp.Put ? "/PutRequest/Item/pk/S" : "/DeleteRequest/Key/pk/S")
                    .textValue()).isEqualTo("key " + awkward);
        }
        assertThat(from).isEqualTo(lines.length);
        JsonNode item = parsed.get(0).at("/request/PutRequest/Item");
        assertThat(item.get(awkward).get("S").textValue()).isEqualTo(awkward);
        assertThat(item.at("/b/B").binaryValue()).isEqualTo(everyByte);
        assertThat(parsed.get(1).get("file").textValue()).isEqualTo("data/" + awkward + ".json.gz");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new AssertionError("no " + b + " after " + from);
    }
}
