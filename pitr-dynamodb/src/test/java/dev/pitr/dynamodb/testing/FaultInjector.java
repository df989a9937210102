package dev.pitr.dynamodb.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Injects the faults DynamoDB produces under load into BatchWriteItem calls, faithfully: what is
 * reported as not written really is not written.
 * <ul>
 * <li><b>Unprocessed items</b>: a share of a call's items is taken out of the request body before
 *     it is sent, and put back into the answer's {@code UnprocessedItems}.</li>
 * <li><b>Throttling / HTTP 500</b>: a share of calls is sent to a table that does not exist (so
 *     nothing is written), and the answer is rewritten into a {@code 400
 *     ProvisionedThroughputExceededException} or a {@code 500 InternalServerError}, which the SDK
 *     parses into its own exception types.</li>
 * <li><b>Chosen items handed back</b>: {@link #handingBack} takes the entries a rule picks out of
 *     the request and puts what the rule says into {@code UnprocessedItems} (the entry itself, or
 *     one changed as a test needs).</li>
 * </ul>
 * Counters say exactly what was injected. Use it on a client whose SDK retries are off
 * ({@link dev.pitr.testing.dynamodb.DynamoDbLocal#asyncClientWithoutSdkRetries}) so that each call is one attempt.
 */
public final class FaultInjector extends ErrorAnswers {

    /** Picks the entries of BatchWriteItem calls to hand back unprocessed. */
    @FunctionalInterface
    public interface HandBack {
        /**
         * What the answer's {@code UnprocessedItems} carries instead of sending {@code entry}, or
         * {@code null} to send it. Called on SDK threads.
         */
        WriteRequest handBack(WriteRequest entry);
    }

    private static final ExecutionAttribute<Map<String, List<WriteRequest>>> HELD_BACK =
            new ExecutionAttribute<>("pitr.test.heldBack");
    private static final ExecutionAttribute<Boolean> BATCH = new ExecutionAttribute<>("pitr.test.batch");
    /** The rewritten body, empty when it is sent as it is. */
    private static final ExecutionAttribute<byte[]> REWRITTEN = new ExecutionAttribute<>("pitr.test.rewritten");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final double unprocessedShare;
    private final double throttleShare;
    private final double serverErrorShare;
    private final Random random;
    private volatile boolean enabled = true;
    private volatile HandBack handBack;
    private volatile JsonNode filler;

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong throttles = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong unprocessedItems = new AtomicLong();
    private final AtomicLong itemsSent = new AtomicLong();

    /**
     * @param unprocessedShare share of each call's items handed back unprocessed (at least one
     *                         item of a call is always sent)
     * @param throttleShare    share of calls answered with throttling (1 throttles every call)
     * @param serverErrorShare share of calls answered with HTTP 500
     * @param seed             seed of the random choices
     */
    public FaultInjector(double unprocessedShare, double throttleShare, double serverErrorShare, long seed) {
        if (unprocessedShare < 0 || unprocessedShare >= 1 || throttleShare < 0 || serverErrorShare < 0
                || throttleShare + serverErrorShare > 1) {
            throw new IllegalArgumentException("shares must be in [0, 1], unprocessed below 1, throttle + 5xx at most 1");
        }
        this.unprocessedShare = unprocessedShare;
        this.throttleShare = throttleShare;
        this.serverErrorShare = serverErrorShare;
        this.random = new Random(seed);
    }

    /**
     * Also hands back the entries {@code rule} picks, whatever the random share says. A request
     * needs an entry: when the rule takes every entry of a call, {@code fillerJson} (a request
     * entry, such as a delete of a key the test never writes) is sent in their place.
     *
     * @return this
     */
    public FaultInjector handingBack(HandBack rule, String fillerJson) {
        try {
            this.filler = JSON.readTree(fillerJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("filler is not JSON: " + fillerJson, e);
        }
        this.handBack = rule;
        return this;
    }

    /** Turns injection on or off (calls are still counted). */
    public void enabled(boolean on) {
        this.enabled = on;
    }

    /** BatchWriteItem calls seen. */
    public long calls() {
        return calls.get();
    }

    /** Calls answered with an injected throttling error. */
    public long throttles() {
        return throttles.get();
    }

    /** Calls answered with an injected HTTP 500. */
    public long serverErrors() {
        return serverErrors.get();
    }

    /** Items handed back as unprocessed by injection. */
    public long unprocessedItems() {
        return unprocessedItems.get();
    }

    /** Items that really reached the server. */
    public long itemsSent() {
        return itemsSent.get();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (context.request() instanceof BatchWriteItemRequest) {
            calls.incrementAndGet();
            attributes.putAttribute(BATCH, Boolean.TRUE);
        }
        return context.request();
    }

    /*
     * The items are taken from (and the table changed in) the HTTP body, not the SDK request:
     * the sink may write the body itself and give the SDK a request with no items. The body is
     * rewritten once, in the first of the three hooks the SDK calls, and the others use it.
     */

    @Override
    public Optional<AsyncRequestBody> modifyAsyncHttpContent(Context.ModifyHttpRequest context,
                                                             ExecutionAttributes attributes) {
        byte[] body = rewritten(context, attributes);
        return body == null ? context.asyncRequestBody() : Optional.of(AsyncRequestBody.fromBytes(body));
    }

    @Override
    public Optional<RequestBody> modifyHttpContent(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        byte[] body = rewritten(context, attributes);
        return body == null ? context.requestBody() : Optional.of(RequestBody.fromBytes(body));
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        byte[] body = rewritten(context, attributes);
        if (body == null) {
            return context.httpRequest();
        }
        return context.httpRequest().toBuilder().putHeader("Content-Length", String.valueOf(body.length)).build();
    }

    /** The body to send instead, or {@code null} to send it as it is. */
    private byte[] rewritten(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        if (attributes.getAttribute(BATCH) == null) {
            return null;
        }
        byte[] done = attributes.getAttribute(REWRITTEN);
        if (done != null) {
            return done.length == 0 ? null : done;
        }
        ObjectNode json;
        try (InputStream in = body(context)) {
            json = (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode items = (ObjectNode) json.get("RequestItems");
        byte[] body = rewrite(json, items, attributes);
        attributes.putAttribute(REWRITTEN, body == null ? new byte[0] : body);
        return body;
    }

    private static InputStream body(Context.ModifyHttpRequest context) {
        if (context.requestBody().isPresent()) {
            return context.requestBody().get().contentStreamProvider().newStream();
        }
        return ((SdkHttpFullRequest) context.httpRequest()).contentStreamProvider()
                .orElseThrow(() -> new IllegalStateException("a BatchWriteItem request without a body"))
                .newStream();
    }

    private byte[] rewrite(ObjectNode json, ObjectNode items, ExecutionAttributes attributes) {
        if (!enabled) {
            countSent(items);
            return null;
        }
        double dice;
        synchronized (random) {
            dice = random.nextDouble();
        }
        if (dice < throttleShare + serverErrorShare) {
            Error fault = dice < throttleShare ? Error.THROTTLE : Error.SERVER_ERROR;
            (fault == Error.THROTTLE ? throttles : serverErrors).incrementAndGet();
            answerWith(attributes, fault);
            ArrayNode all = JSON.createArrayNode();
            items.properties().forEach(e -> all.addAll((ArrayNode) e.getValue()));
            json.set("RequestItems", JSON.createObjectNode().set(NO_SUCH_TABLE, all));
            return bytes(json);
        }
        HandBack rule = handBack;
        if (unprocessedShare == 0 && rule == null) {
            countSent(items);
            return null;
        }
        Map<String, List<WriteRequest>> heldBack = new LinkedHashMap<>();
        int fillers = 0;
        for (Map.Entry<String, JsonNode> e : items.properties()) {
            ArrayNode keep = JSON.createArrayNode();
            List<JsonNode> hold = new ArrayList<>();
            List<WriteRequest> ruled = new ArrayList<>();
            for (JsonNode w : e.getValue()) {
                WriteRequest answer = rule == null ? null : rule.handBack(writeRequest(w));
                boolean holdIt = false;
                if (answer == null && unprocessedShare > 0) {
                    synchronized (random) {
                        holdIt = random.nextDouble() < unprocessedShare;
                    }
                }
                if (answer != null) {
                    ruled.add(answer);
                } else if (holdIt) {
                    hold.add(w);
                } else {
                    keep.add(w);
                }
            }
            if (keep.isEmpty() && !hold.isEmpty()) {
                keep.add(hold.remove(hold.size() - 1));
            }
            if (keep.isEmpty()) {
                keep.add(filler.deepCopy());
                fillers++;
            }
            e.setValue(keep);
            if (!hold.isEmpty() || !ruled.isEmpty()) {
                List<WriteRequest> sdk = new ArrayList<>(ruled);
                hold.forEach(w -> sdk.add(writeRequest(w)));
                heldBack.put(e.getKey(), sdk);
                unprocessedItems.addAndGet(sdk.size());
            }
        }
        countSent(items);
        itemsSent.addAndGet(-fillers);
        if (heldBack.isEmpty()) {
            return null;
        }
        attributes.putAttribute(HELD_BACK, heldBack);
        return bytes(json);
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An entry of a request body as the SDK's type, as DynamoDB would hand it back. */
    private static WriteRequest writeRequest(JsonNode w) {
        if (w.has("PutRequest")) {
            return WriteRequest.builder().putRequest(PutRequest.builder()
                    .item(sdkMap(w.get("PutRequest").get("Item"))).build()).build();
        }
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                .key(sdkMap(w.get("DeleteRequest").get("Key"))).build()).build();
    }

    private static Map<String, AttributeValue> sdkMap(JsonNode map) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        map.properties().forEach(e -> out.put(e.getKey(), sdkValue(e.getValue())));
        return out;
    }

    private static AttributeValue sdkValue(JsonNode typed) {
        Map.Entry<String, JsonNode> e = typed.properties().iterator().next();
        JsonNode v = e.getValue();
        return switch (e.getKey()) {
            case "S" -> AttributeValue.fromS(v.textValue());
            case "N" -> AttributeValue.fromN(v.textValue());
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.textValue())));
            case "BOOL" -> AttributeValue.fromBool(v.booleanValue());
            case "NULL" -> AttributeValue.fromNul(true);
            case "M" -> AttributeValue.fromM(sdkMap(v));
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                v.forEach(x -> list.add(sdkValue(x)));
                yield AttributeValue.fromL(list);
            }
            case "SS", "NS" -> {
                List<String> list = new ArrayList<>();
                v.forEach(x -> list.add(x.textValue()));
                yield e.getKey().equals("SS") ? AttributeValue.fromSs(list) : AttributeValue.fromNs(list);
            }
            case "BS" -> {
                List<SdkBytes> list = new ArrayList<>();
                v.forEach(x -> list.add(SdkBytes.fromByteArray(Base64.getDecoder().decode(x.textValue()))));
                yield AttributeValue.fromBs(list);
            }
            default -> throw new IllegalArgumentException("unknown type " + e.getKey());
        };
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        Map<String, List<WriteRequest>> heldBack = attributes.getAttribute(HELD_BACK);
        if (heldBack == null || !(context.response() instanceof BatchWriteItemResponse response)) {
            return context.response();
        }
        Map<String, List<WriteRequest>> unprocessed = new LinkedHashMap<>();
        if (response.hasUnprocessedItems()) {
            response.unprocessedItems().forEach((table, list) -> unprocessed.put(table, new ArrayList<>(list)));
        }
        heldBack.forEach((table, list) -> unprocessed.computeIfAbsent(table, t -> new ArrayList<>()).addAll(list));
        return response.toBuilder().unprocessedItems(unprocessed).build();
    }

    private void countSent(ObjectNode items) {
        items.properties().forEach(e -> itemsSent.addAndGet(e.getValue().size()));
    }
}
