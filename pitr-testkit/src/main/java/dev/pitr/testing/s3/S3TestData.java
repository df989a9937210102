package dev.pitr.testing.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** Puts test objects into a local S3-compatible server and reads them back: buckets, folders, large generated objects. */
public final class S3TestData {
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private final S3AsyncClient client;

    public S3TestData(S3AsyncClient client) {
        this.client = client;
    }

    /** Creates a bucket with a name unique in this JVM, starting with {@code prefix}. */
    public String newBucket(String prefix) {
        String bucket = prefix + "-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
        client.createBucket(b -> b.bucket(bucket)).join();
        return bucket;
    }

    /** Puts {@code bytes} as one object with one PUT; returns its ETag. */
    public String put(String bucket, String key, byte[] bytes) {
        PutObjectResponse r = client.putObject(b -> b.bucket(bucket).key(key), AsyncRequestBody.fromBytes(bytes)).join();
        return r.eTag();
    }

    /** The object's bytes, or empty when the bucket holds no such key. */
    public Optional<byte[]> get(String bucket, String key) {
        try {
            return Optional.of(client.getObject(b -> b.bucket(bucket).key(key), AsyncResponseTransformer.toBytes())
                    .join().asByteArray());
        } catch (CompletionException e) {
            if (e.getCause() instanceof NoSuchKeyException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Uploads {@code bytes} as a multipart upload of {@code partSize} parts; returns its ETag. */
    public String putMultipart(String bucket, String key, byte[] bytes, int partSize) {
        List<byte[]> parts = new ArrayList<>();
        for (int off = 0; off < bytes.length; off += partSize) {
            byte[] p = new byte[Math.min(partSize, bytes.length - off)];
            System.arraycopy(bytes, off, p, 0, p.length);
            parts.add(p);
        }
        return putMultipart(bucket, key, parts.stream());
    }

    /** Uploads the parts, in order, as one multipart object; returns its ETag. */
    public String putMultipart(String bucket, String key, Stream<byte[]> parts) {
        String uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(key)).join().uploadId();
        List<CompletedPart> done = new ArrayList<>();
        int[] number = {0};
        parts.forEachOrdered(p -> {
            int n = ++number[0];
            String etag = client.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(n),
                    AsyncRequestBody.fromByteBufferUnsafe(ByteBuffer.wrap(p))).join().eTag();
            done.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
        });
        return client.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(done))).join().eTag();
    }

    /** Puts every file under {@code folder} with its path relative to the folder as the key. */
    public List<String> uploadFolder(String bucket, Path folder) {
        return uploadFolder(bucket, folder, Integer.MAX_VALUE, 0);
    }

    /**
     * As {@link #uploadFolder(String, Path)}, but files larger than {@code multipartAbove} bytes go
     * up as multipart uploads of {@code partSize} parts.
     */
    public List<String> uploadFolder(String bucket, Path folder, int multipartAbove, int partSize) {
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String key = folder.relativize(f).toString().replace('\\', '/');
                byte[] bytes = Files.readAllBytes(f);
                if (bytes.length > multipartAbove) {
                    putMultipart(bucket, key, bytes, partSize);
                } else {
                    put(bucket, key, bytes);
                }
                keys.add(key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    /** {@code length} pseudo-random bytes, the same for the same seed. */
    public static byte[] randomBytes(int length, long seed) {
        byte[] b = new byte[length];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    /** Hex MD5 of {@code bytes}. */
    public static String md5Hex(byte[] bytes) {
        return HexFormat.of().formatHex(md5().digest(bytes));
    }

    /** A fresh MD5 digest. */
    public static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
