package dev.pitr.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The baseline users write first for DynamoDB JSON: {@code BufferedReader.readLine()} over the
 * gunzipped file, {@code ObjectMapper.readTree} per line, then the SDK's {@link AttributeValue}s
 * built from the tree, ending in the {@link WriteRequest} BatchWriteItem takes.
 *
 * <p>{@code EnhancedDocument.fromJson} would be shorter but reads plain JSON, not the typed
 * DynamoDB JSON of exports ({@code {"S":"x"}} would become a map), so it cannot be the baseline.
 * Like most hand-written readers this one checks nothing (no checksum, no line count).
 */
final class NaiveJsonDecoder {
    private final ObjectMapper mapper = new ObjectMapper();
    private final boolean incremental;

    NaiveJsonDecoder(boolean incremental) {
        this.incremental = incremental;
    }

    /** Decodes every line of the gzip stream into a {@link WriteRequest} handed to {@code out}. */
    long decode(InputStream compressed, Consumer<? super WriteRequest> out) throws IOException {
        return GzipLines.decode(compressed, line -> request(mapper.readTree(line)), out);
    }

    private WriteRequest request(JsonNode record) {
        if (!incremental) {
            return put(record.get("Item"));
        }
        JsonNode newImage = record.get("NewImage");
        if (newImage != null) {
            return put(newImage);
        }
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(item(record.get("Keys"))).build())
                .build();
    }

    private static WriteRequest put(JsonNode image) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item(image)).build()).build();
    }

    private static Map<String, AttributeValue> item(JsonNode object) {
        Map<String, AttributeValue> map = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            map.put(e.getKey(), value(e.getValue()));
        }
        return map;
    }

    private static AttributeValue value(JsonNode typed) {
        Map.Entry<String, JsonNode> tagged = typed.properties().iterator().next();
        JsonNode v = tagged.getValue();
        try {
            return switch (tagged.getKey()) {
                case "S" -> AttributeValue.fromS(v.asText());
                case "N" -> AttributeValue.fromN(v.asText());
                case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(v.binaryValue()));
                case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
                case "NULL" -> AttributeValue.fromNul(true);
                case "M" -> AttributeValue.fromM(item(v));
                case "L" -> {
                    List<AttributeValue> list = new ArrayList<>();
                    for (JsonNode e : v) {
                        list.add(value(e));
                    }
                    yield AttributeValue.fromL(list);
                }
                case "SS" -> AttributeValue.fromSs(texts(v));
                case "NS" -> AttributeValue.fromNs(texts(v));
                case "BS" -> {
                    List<SdkBytes> list = new ArrayList<>();
                    for (JsonNode e : v) {
                        list.add(SdkBytes.fromByteArray(e.binaryValue()));
                    }
                    yield AttributeValue.fromBs(list);
                }
                default -> throw new IllegalArgumentException("unknown type tag " + tagged.getKey());
            };
        } catch (IOException e) {
            throw new IllegalArgumentException("bad Base64", e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        for (JsonNode e : array) {
            list.add(e.asText());
        }
        return list;
    }
}
