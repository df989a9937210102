package dev.pitr.s3.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy between a client and a server that can reset connections in the middle of
 * a response: once armed with {@link #cutEvery(long, int)}, every time the bytes sent back to
 * clients (over all connections, counted from the last cut) reach the threshold, the connection
 * carrying that byte is reset (RST), both sides.
 *
 * <p>One thread per direction per connection; test use only.
 */
public final class CuttingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int upstreamPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final Object cutLock = new Object();
    private long cutEveryBytes;      // guarded by cutLock
    private int cutsLeft;            // guarded by cutLock
    private long sinceLastCut;       // guarded by cutLock
    private int cutsMade;            // guarded by cutLock
    private volatile boolean closed;
    private boolean paused;          // guarded by cutLock

    /** Starts a proxy on a free loopback port that forwards to {@code 127.0.0.1:upstreamPort}. */
    public CuttingProxy(int upstreamPort) {
        this.upstreamPort = upstreamPort;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen", e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "cutting-proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Where clients connect. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** From now on, reset a connection after every {@code bytes} response bytes, {@code times} times. */
    public void cutEvery(long bytes, int times) {
        synchronized (cutLock) {
            cutEveryBytes = bytes;
            cutsLeft = times;
            sinceLastCut = 0;
        }
    }

    /** Holds every response byte from now on until {@link #resume()} (or close). */
    public void pause() {
        synchronized (cutLock) {
            paused = true;
        }
    }

    /** Lets response bytes through again. */
    public void resume() {
        synchronized (cutLock) {
            paused = false;
            cutLock.notifyAll();
        }
    }

    /** Connections reset so far. */
    public int cutsMade() {
        synchronized (cutLock) {
            return cutsMade;
        }
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort));
                sockets.add(client);
                sockets.add(upstream);
                int n = connections.get();
                start("cutting-proxy-up-" + n, () -> pump(client, upstream, false));
                start("cutting-proxy-down-" + n, () -> pump(upstream, client, true));
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("cutting proxy accept failed", e);
                }
            }
        }
    }

    private static void start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private void pump(Socket from, Socket to, boolean downstream) {
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                int pass = downstream ? allowance(n) : n;
                if (pass < n) {
                    out.write(buf, 0, pass);
                    out.flush();
                    reset(to);
                    reset(from);
                    return;
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // the other side closed or was reset: close both below
        } finally {
            quietClose(from);
            quietClose(to);
        }
    }

    /** How many of the next {@code n} response bytes may pass before a cut; {@code n} when no cut is due. */
    private int allowance(int n) throws InterruptedIOException {
        synchronized (cutLock) {
            while (paused && !closed) {
                try {
                    cutLock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("proxy pump interrupted");
                }
            }
            if (cutsLeft <= 0) {
                return n;
            }
            long room = cutEveryBytes - sinceLastCut;
            if (n < room) {
                sinceLastCut += n;
                return n;
            }
            cutsLeft--;
            cutsMade++;
            sinceLastCut = 0;
            return (int) room;
        }
    }

    private void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed
        }
        quietClose(s);
    }

    private void quietClose(Socket s) {
        sockets.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        resume();
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : sockets) {
            quietClose(s);
        }
    }
}
