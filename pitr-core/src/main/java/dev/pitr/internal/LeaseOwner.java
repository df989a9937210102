package dev.pitr.internal;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Who holds a restore's lease, as a checkpoint's {@code owner} records it:
 * {@code <run id>/<pid>/<process start, epoch ms>@<host>}. Owners saved by earlier versions are a
 * bare run id, with no process or host.
 *
 * @param runId       a random id of the run
 * @param pid         the holder's process id, or -1 when unknown
 * @param startMillis when that process started (epoch milliseconds), or -1 when unknown: a pid
 *                    reused by a later process is not taken for the holder
 * @param host        the holder's host name, or {@code null} when unknown
 */
public record LeaseOwner(String runId, long pid, long startMillis, String host) {
    private static final String HOST = hostName();

    /** A new run of this process. */
    public static LeaseOwner thisProcess() {
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
        return new LeaseOwner(UUID.randomUUID().toString(), self.pid(), start, HOST);
    }

    /** Reads a checkpoint's owner. */
    public static LeaseOwner parse(String owner) {
        int at = owner.lastIndexOf('@');
        String[] parts = (at < 0 ? owner : owner.substring(0, at)).split("/");
        if (at < 0 || parts.length != 3) {
            return new LeaseOwner(owner, -1, -1, null);
        }
        try {
            return new LeaseOwner(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]), owner.substring(at + 1));
        } catch (NumberFormatException e) {
            return new LeaseOwner(owner, -1, -1, null);
        }
    }

    /** The form checkpoints record. */
    public String encode() {
        return host == null ? runId : runId + "/" + pid + "/" + startMillis + "@" + host;
    }

    /**
     * Whether this owner is known to be gone: it ran on this host and its process has ended (or
     * the pid now belongs to a process started at another time). An owner of another host, or
     * one that recorded no process, is never known gone.
     */
    public boolean isGoneFromThisHost() {
        if (host == null || pid < 0 || !host.equals(HOST)) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Optional<Instant> started = process.get().info().startInstant();
        return startMillis >= 0 && started.isPresent() && Math.abs(started.get().toEpochMilli() - startMillis) > 1_000;
    }

    /** For messages: the run, and the process and host when known. */
    public String describe() {
        return "run " + runId + (host == null ? "" : " (process " + pid + " on " + host + ")");
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return null; // no host: this process never takes a lease over as "gone"
        }
    }
}
