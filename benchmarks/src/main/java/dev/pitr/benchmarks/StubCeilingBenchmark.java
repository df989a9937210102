package dev.pitr.benchmarks;

import dev.pitr.manifest.OutputFormat;
import dev.pitr.model.KeySchema;
import dev.pitr.testing.ItemShape;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many BatchWriteItem requests the loopback stub answers per second when the client costs
 * next to nothing: raw HTTP/1.1 over blocking keep-alive sockets, one per benchmark thread,
 * sending one pre-serialized 25-item request body (the export's own DynamoDB JSON) again and
 * again. If this ceiling is well above what the SDK-based write benchmarks reach, the stub is
 * not what limits them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@Threads(4)
public class StubCeilingBenchmark {
    static final int ITEMS_PER_REQUEST = 25;

    /** Item shape of the request body. */
    @Param({"SMALL", "MEDIUM", "LARGE"})
    public ItemShape shape;

    private StubDynamoDb stub;
    private byte[] request;

    /** Starts the stub and builds the request. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        stub = StubDynamoDb.start(KeySchema.of("pk", KeySchema.ScalarType.S), 1, false);
        InMemoryDataFile file = InMemoryDataFile.load(BenchExports.export(OutputFormat.DYNAMODB_JSON, shape,
                ExportKind.FULL, ITEMS_PER_REQUEST * 4, 1));
        byte[] body = batchBody(file, ITEMS_PER_REQUEST);
        String head = "POST / HTTP/1.1\r\nHost: 127.0.0.1:" + stub.port() + "\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\n"
                + "X-Amz-Target: DynamoDB_20120810.BatchWriteItem\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        request = out.toByteArray();
    }

    /** Stops the stub. */
    @TearDown(Level.Trial)
    public void tearDown() {
        stub.close();
    }

    /**
     * A BatchWriteItem body of the first {@code n} items of a FULL export's file: each line is
     * {@code {"Item":{...}}}, and the inner object is already the item in DynamoDB JSON.
     */
    static byte[] batchBody(InMemoryDataFile file, int n) throws IOException {
        StringBuilder body = new StringBuilder("{\"RequestItems\":{\"" + StubDynamoDb.TABLE + "\":[");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(file.open()),
                StandardCharsets.UTF_8))) {
            for (int i = 0; i < n; i++) {
                String line = r.readLine();
                if (line == null || !line.startsWith("{\"Item\":")) {
                    throw new IllegalStateException("expected " + n + " FULL export lines");
                }
                body.append(i == 0 ? "" : ",").append("{\"PutRequest\":{\"Item\":")
                        .append(line, "{\"Item\":".length(), line.length() - 1).append("}}");
            }
        }
        return body.append("]}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One keep-alive connection per benchmark thread. */
    @State(Scope.Thread)
    public static class Connection {
        Socket socket;
        OutputStream out;
        InputStream in;

        /** Connects to the stub. */
        @Setup(Level.Trial)
        public void connect(StubCeilingBenchmark bench) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), bench.stub.port());
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }

        /** Closes the connection. */
        @TearDown(Level.Trial)
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Items carried by the requests answered (25 per request), for items/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Items {
        /** Items sent in this iteration. */
        public long items;

        /** Clears the counter. */
        @Setup(Level.Iteration)
        public void reset() {
            items = 0;
        }
    }

    /** Sends one request and reads the whole answer. */
    @Benchmark
    public int request(Connection c, Items items) throws IOException {
        c.out.write(request);
        c.out.flush();
        int length = readResponseHead(c.in);
        c.in.skipNBytes(length);
        items.items += ITEMS_PER_REQUEST;
        return length;
    }

    /** Reads a 200 response's status line and headers; returns its Content-Length. */
    static int readResponseHead(InputStream in) throws IOException {
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IOException("stub answered " + status);
        }
        int length = -1;
        String header;
        while (!(header = line(in)).isEmpty()) {
            if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).trim());
            }
        }
        if (length < 0) {
            throw new IOException("no Content-Length in the stub's answer");
        }
        return length;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder(64);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("the stub closed the connection");
            }
            if (b != '\r') {
                s.append((char) b);
            }
        }
        return s.toString();
    }

    StubDynamoDb stub() {
        return stub;
    }
}
