package dev.pitr.checkpoint;

import dev.pitr.checkpoint.internal.Conflicts;
import org.jspecify.annotations.Nullable;
import dev.pitr.PitrException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps each checkpoint in {@code <dir>/<restoreId>.json}, crash-safe: a save writes a temporary
 * file, forces it to disk, renames it over the old one atomically, then forces the folder. A
 * crash at any moment leaves either the old checkpoint or the new one, never a torn file.
 *
 * <p>Conditional saves hold an exclusive lock on {@code <restoreId>.lock} across processes (and a
 * lock within this JVM), so two restorers on one machine or one shared file system cannot both
 * save over the same version. The version is a counter kept in the file.
 */
public final class FileCheckpointStore implements CheckpointStore {
    private static final ConcurrentMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final String VERSION_PREFIX = "pitr-checkpoint-version: ";

    private final Path dir;

    private FileCheckpointStore(Path dir) {
        this.dir = dir;
    }

    /** A store in {@code dir}, created when missing. */
    public static FileCheckpointStore in(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new PitrException("Cannot create checkpoint folder " + d + ": " + e.getMessage(), e);
        }
        return new FileCheckpointStore(d);
    }

    /** The file that holds the checkpoint of {@code restoreId}. */
    public Path fileOf(String restoreId) {
        return dir.resolve(CheckpointCodec.checkRestoreId(restoreId) + ".json");
    }

    @Override
    public Optional<Versioned> load(String restoreId) {
        Path file = fileOf(restoreId);
        return read(file);
    }

    private Optional<Versioned> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new PitrException("Cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        // First line: the version; the rest: the checkpoint JSON.
        int nl = indexOf(bytes, (byte) '\n');
        String header = nl < 0 ? "" : new String(bytes, 0, nl, StandardCharsets.UTF_8);
        if (!header.startsWith(VERSION_PREFIX)) {
            throw new PitrException("Checkpoint " + file + " is unreadable: no version line");
        }
        String version = header.substring(VERSION_PREFIX.length()).trim();
        byte[] json = java.util.Arrays.copyOfRange(bytes, nl + 1, bytes.length);
        return Optional.of(new Versioned(CheckpointCodec.fromJson(json, file.toString()), version));
    }

    @Override
    public String save(Checkpoint checkpoint, @Nullable String expectedVersion) {
        String id = checkpoint.restoreId();
        Path file = fileOf(id);
        Path lockFile = dir.resolve(id + ".lock");
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, k -> new ReentrantLock());
        jvmLock.lock();
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockChannel.lock()) {
            Optional<Versioned> current = read(file);
            String currentVersion = current.map(Versioned::version).orElse(null);
            if (expectedVersion == null ? currentVersion != null : !expectedVersion.equals(currentVersion)) {
                throw Conflicts.stale(id, file.toString(), expectedVersion, currentVersion);
            }
            String version = Long.toString(currentVersion == null ? 1 : Long.parseLong(currentVersion) + 1);
            writeAtomically(file, version, CheckpointCodec.toJson(checkpoint));
            return version;
        } catch (IOException e) {
            throw new PitrException("Cannot save checkpoint " + file + ": " + e.getMessage(), e);
        } finally {
            jvmLock.unlock();
        }
    }

    private void writeAtomically(Path file, String version, byte[] json) throws IOException {
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap((VERSION_PREFIX + version + "\n").getBytes(StandardCharsets.UTF_8)));
            ByteBuffer body = ByteBuffer.wrap(json);
            while (body.hasRemaining()) {
                ch.write(body);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new PitrException("The file system of " + dir + " cannot rename atomically; checkpoints need it", e);
        }
        forceDirectory();
    }

    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a folder for sync; the rename is still atomic there.
        }
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "FileCheckpointStore[" + dir + "]";
    }
}
