package dev.pitr.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.List;

/**
 * A real {@link FileChannel} that notes each {@link #force} in a shared log, with the path and
 * the file's size at that moment, so a test can tell what had reached the disk when.
 */
final class ForceWatchingChannel extends FileChannel {
    /** One call to force: which file or folder, and how many bytes it held then. */
    record Force(Path path, long size) {
    }

    private final Path path;
    private final FileChannel delegate;
    private final List<Force> log;

    private ForceWatchingChannel(Path path, FileChannel delegate, List<Force> log) {
        this.path = path;
        this.delegate = delegate;
        this.log = log;
    }

    /** Opens like {@link FileChannel#open}, noting forces in {@code log}. */
    static JsonLinesDeadLetterSink.ChannelOpener opener(List<Force> log) {
        return (Path p, OpenOption... options) -> new ForceWatchingChannel(p, FileChannel.open(p, options), log);
    }

    @Override
    public void force(boolean metaData) throws IOException {
        delegate.force(metaData);
        log.add(new Force(path, delegate.size()));
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return delegate.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return delegate.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return delegate.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        delegate.truncate(size);
        return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return delegate.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return delegate.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        return delegate.write(src, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return delegate.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        delegate.close();
    }
}
