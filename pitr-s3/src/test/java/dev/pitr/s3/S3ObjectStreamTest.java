package dev.pitr.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitr.ExportIntegrityException;
import dev.pitr.PitrException;
import dev.pitr.s3.testing.CuttingProxy;
import dev.pitr.s3.testing.FaultInterceptor;
import dev.pitr.testing.s3.S3ProxyExtension;
import dev.pitr.testing.s3.S3ProxyServer;
import dev.pitr.testing.s3.S3TestClients;
import dev.pitr.testing.s3.S3TestData;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** Streaming data files through ranged GETs: large objects, cut connections, faults, changes, memory. */
@ExtendWith(S3ProxyExtension.class)
class S3ObjectStreamTest {
    private static final int MIB = 1 << 20;
    private static final String EXPORT = "AWSDynamoDB/01700000000000-0badcafe/";

    private static S3ProxyServer server;
    private static S3AsyncClient client;
    private static S3TestData data;
    private static String bucket;
    private static byte[] forty;
    private static String fortyMd5;

    @BeforeAll
    static void upload(S3ProxyServer s3proxy) {
        server = s3proxy;
        client = S3TestClients.client(server.endpoint());
        data = new S3TestData(client);
        bucket = data.newBucket("stream");
        forty = S3TestData.randomBytes(40 * MIB, 40);
        fortyMd5 = S3TestData.md5Hex(forty);
        data.put(bucket, "AWSDynamoDB/data/single.bin", forty);
        data.putMultipart(bucket, "AWSDynamoDB/data/multi.bin", forty, 5 * MIB + 123);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static S3ExportSource.Builder source(S3AsyncClient c) {
        return S3ExportSource.builder().client(c).exportUri("s3://" + bucket + "/" + EXPORT);
    }

    private static String md5Of(InputStream in, int bufferSize) throws IOException {
        MessageDigest md5 = S3TestData.md5();
        byte[] buf = new byte[bufferSize];
        int n;
        while ((n = in.read(buf)) >= 0) {
            md5.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    @Test
    void fortyMegabytes_onePut_readInOneMebibyteParts_isIdentical() throws IOException {
        S3ExportSource s3 = source(client).partSize(MIB).readAhead(4).build();
        try (InputStream in = s3.open("AWSDynamoDB/data/single.bin", "Data file")) {
            assertThat(md5Of(in, 8192)).isEqualTo(fortyMd5);
        }
        S3ReadStats stats = s3.stats();
        assertThat(stats.rangeRequests()).isEqualTo(40);
        assertThat(stats.bytesFetched()).isEqualTo(40L * MIB);
        assertThat(stats.resumes()).isZero();
        assertThat(stats.maxPartsBuffered()).isEqualTo(4);
    }

    @Test
    void fortyMegabytes_multipartUpload_readInRanges_isIdentical() throws IOException {
        S3ExportSource s3 = source(client).partSize(MIB).readAhead(6).build();
        try (InputStream in = s3.open("AWSDynamoDB/data/multi.bin", "Data file")) {
            assertThat(md5Of(in, 100_000)).isEqualTo(fortyMd5);
        }
        assertThat(s3.stats().rangeRequests()).isEqualTo(40);
        assertThat(s3.stats().maxPartsBuffered()).isLessThanOrEqualTo(6);
    }

    @Test
    void singleByteReads_andPartialParts_giveTheSameBytes() throws IOException {
        String key = "AWSDynamoDB/data/odd.bin";
        byte[] bytes = S3TestData.randomBytes(100_003, 7);
        data.put(bucket, key, bytes);
        S3ExportSource s3 = source(client).partSize(16 * 1024).readAhead(2).build();
        try (InputStream in = s3.open(key, "Data file")) {
            byte[] got = new byte[bytes.length];
            for (int i = 0; i < 1000; i++) {
                got[i] = (byte) in.read();
            }
            int n = in.readNBytes(got, 1000, bytes.length - 1000);
            assertThat(n).isEqualTo(bytes.length - 1000);
            assertThat(in.read()).isEqualTo(-1);
            assertThat(got).isEqualTo(bytes);
        }
    }

    @Test
    void connectionsCutMidObject_readCompletes_andEachCutCostsAtMostOnePart() throws IOException {
        FaultInterceptor counter = FaultInterceptor.rangedGets();   // counts attempts, injects nothing
        try (CuttingProxy proxy = new CuttingProxy(server.port());
             S3AsyncClient viaProxy = S3TestClients.client(proxy.endpoint(), counter)) {
            S3ExportSource s3 = source(viaProxy).partSize(MIB).readAhead(4)
                    .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(100)).build();
            proxy.cutEvery(3 * MIB + 12_345, 8);
            try (InputStream in = s3.open("AWSDynamoDB/data/multi.bin", "Data file")) {
                assertThat(md5Of(in, 64 * 1024)).isEqualTo(fortyMd5);
            }
            S3ReadStats stats = s3.stats();
            assertThat(proxy.cutsMade()).isEqualTo(8);
            assertThat(stats.resumes()).isGreaterThanOrEqualTo(1).isLessThanOrEqualTo(8);
            assertThat(stats.bytesReRead()).isLessThanOrEqualTo((long) proxy.cutsMade() * MIB);
            assertThat(stats.bytesFetched()).isEqualTo(40L * MIB + stats.bytesReRead());
            assertThat(stats.rangeRequests()).isEqualTo(40 + stats.resumes());
            // The SDK did not retry behind our back: every HTTP attempt is one of ours.
            assertThat(counter.attempts()).isEqualTo((int) stats.rangeRequests());
        }
    }

    @Test
    void serverErrorsOnRanges_areResumed_withBackoff() throws IOException {
        FaultInterceptor faults = FaultInterceptor.rangedGets().fail(3, 503, "SlowDown");
        try (S3AsyncClient c = S3TestClients.client(server.endpoint(), faults)) {
            S3ExportSource s3 = source(c).partSize(4 * MIB).readAhead(2)
                    .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20)).build();
            try (InputStream in = s3.open("AWSDynamoDB/data/single.bin", "Data file")) {
                assertThat(md5Of(in, 64 * 1024)).isEqualTo(fortyMd5);
            }
            assertThat(faults.faultsMade()).isEqualTo(3);
            assertThat(s3.stats().resumes()).isEqualTo(3);
            assertThat(s3.stats().bytesReRead()).isZero();
        }
    }

    @Test
    void retriesExhausted_failTheRead_namingTheUriAndTheRange() {
        FaultInterceptor faults = FaultInterceptor.rangedGets().fail(1000, 500, "InternalError");
        try (S3AsyncClient c = S3TestClients.client(server.endpoint(), faults)) {
            S3ExportSource s3 = source(c).partSize(MIB).readAhead(1).maxRetries(2)
                    .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(5)).build();
            assertThatThrownBy(() -> {
                try (InputStream in = s3.open("AWSDynamoDB/data/single.bin", "Data file")) {
                    in.readAllBytes();
                }
            }).isExactlyInstanceOf(PitrException.class)
                    .hasMessage("Cannot read s3://" + bucket + "/AWSDynamoDB/data/single.bin: bytes 0-1048575 failed 3"
                            + " times, last: Injected InternalError");
            assertThat(faults.faultsMade()).isEqualTo(3);
        }
    }

    @Test
    void objectReplacedMidRead_failsWithIntegrityError_namingTheUri() throws IOException {
        String key = "AWSDynamoDB/data/replaced.bin";
        data.put(bucket, key, S3TestData.randomBytes(2 * MIB, 11));
        S3ExportSource s3 = source(client).partSize(64 * 1024).readAhead(2).build();
        try (InputStream in = s3.open(key, "Data file")) {
            assertThat(in.readNBytes(100_000)).hasSize(100_000);
            data.put(bucket, key, S3TestData.randomBytes(2 * MIB, 12));
            assertThatThrownBy(in::readAllBytes)
                    .isInstanceOf(ExportIntegrityException.class)
                    .hasMessageStartingWith("Integrity check failed for s3://" + bucket + "/" + key
                            + ": the object changed while it was being read")
                    .satisfies(e -> assertThat(((ExportIntegrityException) e).file()).isEqualTo("s3://" + bucket + "/" + key));
        }
    }

    @Test
    void twoHundredMegabytes_bufferedPartsNeverExceedTheReadAhead() throws IOException {
        String key = "AWSDynamoDB/data/big.bin";
        int part = 25 * MIB;
        MessageDigest md5 = S3TestData.md5();
        data.putMultipart(bucket, key, IntStream.range(0, 8).mapToObj(i -> {
            byte[] p = S3TestData.randomBytes(part, 1000 + i);
            md5.update(p);
            return p;
        }));
        String expected = HexFormat.of().formatHex(md5.digest());
        S3ExportSource s3 = source(client).partSize(2 * MIB).readAhead(3).build();
        try (InputStream in = s3.open(key, "Data file")) {
            assertThat(md5Of(in, 64 * 1024)).isEqualTo(expected);
        }
        S3ReadStats stats = s3.stats();
        assertThat(stats.bytesFetched()).isEqualTo(200L * MIB);
        assertThat(stats.rangeRequests()).isEqualTo(100);
        assertThat(stats.maxPartsBuffered()).isEqualTo(3);
        client.deleteObject(b -> b.bucket(bucket).key(key)).join();   // give the in-memory store its 200 MB back
    }

    @Test
    void closeMidRead_stopsFetching_andLaterReadsFail() throws IOException {
        S3ExportSource s3 = source(client).partSize(MIB).readAhead(2).build();
        InputStream in = s3.open("AWSDynamoDB/data/single.bin", "Data file");
        assertThat(in.readNBytes(10)).hasSize(10);
        in.close();
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
        in.close();   // idempotent
        assertThat(s3.stats().rangeRequests()).isLessThanOrEqualTo(3);
    }

    @Test
    void callerExecutor_handlesCompletions_andMetersMatchTheStats() throws Exception {
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(64),
                r -> new Thread(r, "test-s3-callbacks-" + threads.incrementAndGet()));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try {
            S3ExportSource s3 = source(client).partSize(MIB).readAhead(4).executor(executor).meterRegistry(registry).build();
            try (InputStream in = s3.open("AWSDynamoDB/data/single.bin", "Data file")) {
                assertThat(md5Of(in, 64 * 1024)).isEqualTo(fortyMd5);
            }
            // The last bytes can reach the reader before their GET's completion has been handled: poll.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (executor.getCompletedTaskCount() < 40 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            assertThat(executor.getCompletedTaskCount()).isGreaterThanOrEqualTo(40);
            assertThat(executor.isShutdown()).isFalse();   // the caller's executor is left alone
            S3ReadStats stats = s3.stats();
            assertThat(registry.get("pitr.s3.bytes.fetched").tag("bucket", bucket).functionCounter().count())
                    .isEqualTo((double) stats.bytesFetched());
            assertThat(registry.get("pitr.s3.range.requests").functionCounter().count()).isEqualTo(40.0);
            assertThat(registry.get("pitr.s3.objects.opened").functionCounter().count()).isEqualTo(1.0);
            assertThat(registry.get("pitr.s3.parts.buffered.max").gauge().value()).isEqualTo(4.0);
        } finally {
            executor.shutdown();
        }
    }

    @Test
    void interruptWhileWaitingForBytes_throwsInterruptedIo_andKeepsTheFlag() throws Exception {
        try (CuttingProxy proxy = new CuttingProxy(server.port());
             S3AsyncClient viaProxy = S3TestClients.client(proxy.endpoint())) {
            S3ExportSource s3 = source(viaProxy).partSize(64 * 1024).readAhead(1).build();
            InputStream in = s3.open("AWSDynamoDB/data/single.bin", "Data file");
            assertThat(in.readNBytes(64 * 1024 - 1)).hasSize(64 * 1024 - 1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (in.available() < 1 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            proxy.pause();
            assertThat(in.read()).isNotNegative();   // the last byte of part 1: part 2 is asked for, its answer held
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> flag = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                try {
                    in.read();
                } catch (Throwable t) {
                    thrown.set(t);
                    flag.set(Thread.currentThread().isInterrupted());
                }
            }, "test-blocked-reader");
            reader.start();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reader.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            assertThat(reader.getState()).isEqualTo(Thread.State.WAITING);
            reader.interrupt();
            reader.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(thrown.get()).isInstanceOf(InterruptedIOException.class)
                    .hasMessageContaining("s3://" + bucket + "/AWSDynamoDB/data/single.bin");
            assertThat(flag.get()).isTrue();
            in.close();
            proxy.resume();
        }
    }
}
