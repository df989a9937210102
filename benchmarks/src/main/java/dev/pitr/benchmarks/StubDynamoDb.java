package dev.pitr.benchmarks;

import dev.pitr.model.KeySchema;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ByteProcessor;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A stand-in DynamoDB endpoint on loopback, so that benchmarks measure the client side alone:
 * every {@code BatchWriteItem} is answered at once with {@code {"UnprocessedItems":{}}},
 * {@code DescribeTable} with a minimal ACTIVE table of the given key schema, and {@code Scan} with
 * an empty page (the table holds nothing: a restore asks before it applies a FULL export).
 * Anything else gets a 400 {@code ValidationException}.
 *
 * <p>It runs on Netty (which the SDK's async HTTP client brings), reads request bodies as they
 * stream in without gathering them, and answers on their last chunk. It counts requests (and,
 * when asked, the put and delete requests in their bodies) and reports the CPU time of its own
 * threads, so a benchmark can show that the stub is not what limits it.
 */
final class StubDynamoDb implements AutoCloseable {
    static final String TABLE = "bench";
    private static final String JSON = "application/x-amz-json-1.0";
    private static final byte[] BATCH_OK = "{\"UnprocessedItems\":{}}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY_SCAN = "{\"Count\":0,\"Items\":[],\"ScannedCount\":0}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNSUPPORTED = ("{\"__type\":\"com.amazon.coral.validate#ValidationException\","
            + "\"message\":\"the benchmark stub answers BatchWriteItem, DescribeTable and Scan only\"}")
            .getBytes(StandardCharsets.US_ASCII);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel server;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final LongAdder batchRequests = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder deletes = new LongAdder();
    private final byte[] describeTable;
    private final boolean countItems;

    private StubDynamoDb(KeySchema schema, int ioThreads, boolean countItems) throws InterruptedException {
        this.describeTable = describe(schema);
        this.countItems = countItems;
        int instance = INSTANCES.incrementAndGet();
        this.boss = new NioEventLoopGroup(1, threads("stub-dynamodb-" + instance + "-accept"));
        this.workers = new NioEventLoopGroup(ioThreads, threads("stub-dynamodb-" + instance + "-io"));
        this.server = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpServerExpectContinueHandler(),
                                new Handler());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sync()
                .channel();
    }

    /**
     * Starts a stub for a table named {@value #TABLE} with {@code schema}, on a free loopback port.
     *
     * @param ioThreads  Netty I/O threads answering requests
     * @param countItems whether to count the put and delete requests in BatchWriteItem bodies (a
     *                   byte-by-byte scan: tests check deliveries with it, benchmarks leave it off)
     */
    static StubDynamoDb start(KeySchema schema, int ioThreads, boolean countItems) {
        try {
            return new StubDynamoDb(schema, ioThreads, countItems);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the stub", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort());
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** BatchWriteItem requests answered so far. */
    long batchRequests() {
        return batchRequests.sum();
    }

    /** Put requests received in BatchWriteItem bodies so far (counted only when asked to). */
    long puts() {
        return puts.sum();
    }

    /** Delete requests received in BatchWriteItem bodies so far (counted only when asked to). */
    long deletes() {
        return deletes.sum();
    }

    /** CPU time the stub's threads have used so far, in nanoseconds. */
    long cpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : threads) {
            long ns = mx.getThreadCpuTime(t.getId());
            if (ns > 0) {
                sum += ns;
            }
        }
        return sum;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new FastThreadLocalThread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            threads.add(t);
            return t;
        };
    }

    private static byte[] describe(KeySchema schema) {
        StringBuilder keys = new StringBuilder();
        StringBuilder definitions = new StringBuilder();
        append(keys, definitions, schema.partitionKey(), "HASH");
        if (schema.sortKey() != null) {
            keys.append(',');
            definitions.append(',');
            append(keys, definitions, schema.sortKey(), "RANGE");
        }
        return ("{\"Table\":{\"TableName\":\"" + TABLE + "\",\"TableStatus\":\"ACTIVE\",\"KeySchema\":[" + keys
                + "],\"AttributeDefinitions\":[" + definitions + "],\"ItemCount\":0,\"TableSizeBytes\":0,"
                + "\"TableArn\":\"arn:aws:dynamodb:us-east-1:123456789012:table/" + TABLE + "\"}}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static void append(StringBuilder keys, StringBuilder definitions, KeySchema.KeyAttribute a, String type) {
        keys.append("{\"AttributeName\":\"").append(a.name()).append("\",\"KeyType\":\"").append(type).append("\"}");
        definitions.append("{\"AttributeName\":\"").append(a.name()).append("\",\"AttributeType\":\"")
                .append(a.type().name()).append("\"}");
    }

    /** One per connection: HTTP/1.1 requests on a connection come one after the other. */
    private final class Handler extends ChannelInboundHandlerAdapter {
        private String target = "";
        private boolean keepAlive;
        private RequestCounter counter;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpRequest request) {
                    target = request.headers().get("X-Amz-Target", "");
                    keepAlive = HttpUtil.isKeepAlive(request);
                    counter = countItems && target.endsWith(".BatchWriteItem") ? new RequestCounter() : null;
                }
                if (msg instanceof HttpContent content && counter != null) {
                    content.content().forEachByte(counter);
                }
                if (msg instanceof LastHttpContent) {
                    respond(ctx);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void respond(ChannelHandlerContext ctx) {
            byte[] body;
            HttpResponseStatus status = HttpResponseStatus.OK;
            if (target.endsWith(".BatchWriteItem")) {
                batchRequests.increment();
                if (counter != null) {
                    puts.add(counter.puts);
                    deletes.add(counter.deletes);
                }
                body = BATCH_OK;
            } else if (target.endsWith(".DescribeTable")) {
                body = describeTable;
            } else if (target.endsWith(".Scan")) {
                body = EMPTY_SCAN;
            } else {
                status = HttpResponseStatus.BAD_REQUEST;
                body = UNSUPPORTED;
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, JSON);
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            HttpUtil.setKeepAlive(response, keepAlive);
            if (keepAlive) {
                ctx.writeAndFlush(response, ctx.voidPromise());
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /**
     * Counts {@code "PutRequest"} and {@code "DeleteRequest"} in a BatchWriteItem body, chunk
     * by chunk (a match may straddle two chunks). Both patterns hold a quote only at their ends,
     * and a quote inside a JSON string is escaped, so a match is a request object's field name
     * (attribute names aside).
     */
    private static final class RequestCounter implements ByteProcessor {
        private static final byte[] PUT = "\"PutRequest\"".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] DELETE = "\"DeleteRequest\"".getBytes(StandardCharsets.US_ASCII);
        private int put;
        private int delete;
        long puts;
        long deletes;

        @Override
        public boolean process(byte b) {
            put = b == PUT[put] ? put + 1 : (b == '"' ? 1 : 0);
            if (put == PUT.length) {
                puts++;
                put = 0;
            }
            delete = b == DELETE[delete] ? delete + 1 : (b == '"' ? 1 : 0);
            if (delete == DELETE.length) {
                deletes++;
                delete = 0;
            }
            return true;
        }
    }
}
