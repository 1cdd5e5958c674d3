package io.sift.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The same file copied from disk, over 127.0.0.1 TCP connections between two threads each, onto disk,
 * with no protocol at all: over one connection, or over as many at once as the concurrent case runs
 * transfers. Plain, it is the most any transfer could do here (the ceiling); verified, each end also
 * hashes every byte it moves, which is the most a transfer that proves its copy could do on this
 * machine (the bound: on two cores the hashes compete with the copy for the same CPU). A verified copy
 * hashes as SIFT does: on a thread of its own beside the copy for the first streams of a side, one per
 * two cores, and in the copy thread for the others.
 */
final class LoopbackCeiling implements Ceiling {

    private static final long TIMEOUT_SECONDS = 600;

    private final Path work;
    private final boolean verified;
    private final int streams;

    private LoopbackCeiling(Path work, boolean verified, int streams) {
        if (streams < 1) {
            throw new IllegalArgumentException("streams: " + streams);
        }
        this.work = work;
        this.verified = verified;
        this.streams = streams;
    }

    static LoopbackCeiling plain(Path work) {
        return new LoopbackCeiling(work, false, 1);
    }

    static LoopbackCeiling verified(Path work) {
        return new LoopbackCeiling(work, true, 1);
    }

    /** The file copied over {@code streams} connections at once, each to a copy of its own. */
    static LoopbackCeiling plain(Path work, int streams) {
        return new LoopbackCeiling(work, false, streams);
    }

    /** Like {@link #plain(Path, int)}, each end of each connection hashing what it moves. */
    static LoopbackCeiling verified(Path work, int streams) {
        return new LoopbackCeiling(work, true, streams);
    }

    @Override
    public String label() {
        return (verified ? "bound: loopback + SHA-256 both ends" : "ceiling: loopback")
                + (streams > 1 ? ", " + streams + " at once" : "");
    }

    @Override
    public Role role() {
        return verified ? Role.BOUND : Role.CEILING;
    }

    /** Counts every stream's bytes; the time runs from the first copy's start to the last one's end. */
    @Override
    public Measurement measure(Path file, String sha) throws IOException, InterruptedException, BenchFailure {
        List<Path> copies = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            copies.add(work.resolve(streams == 1 ? "ceiling.bin" : "ceiling-" + i + ".bin"));
        }
        Peers.settle(List.of(file));
        double cpuBefore = ProcStat.thisProcessCpuSeconds();
        long start = System.nanoTime();
        if (streams == 1) {
            copy(file, copies.get(0), sha, true);
        } else {
            copyAtOnce(file, copies, sha);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        double cpu = ProcStat.thisProcessCpuSeconds() - cpuBefore;
        for (Path copy : copies) {
            if (!Sha256.of(copy).equals(sha)) {
                throw new BenchFailure("the loopback copy " + copy.getFileName() + " differs from its source");
            }
            Files.delete(copy);
        }
        return new Measurement(streams * Files.size(file), Math.max(1, millis), Double.NaN, cpu, Double.NaN, -1,
                0);
    }

    /** Every copy on a thread of its own, all started before any is awaited. */
    private void copyAtOnce(Path file, List<Path> copies, String sha)
            throws IOException, InterruptedException, BenchFailure {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        int hashersBeside = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        for (int i = 0; i < copies.size(); i++) {
            Path copy = copies.get(i);
            boolean beside = i < hashersBeside;
            running.add(SocketCopy.onNewThread("ceiling copy", () -> {
                copy(file, copy, sha, beside);
                return null;
            }));
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BenchFailure failure) {
                throw failure;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new BenchFailure("a copy failed: " + cause);
        } catch (TimeoutException e) {
            throw new BenchFailure("the copies did not end within " + TIMEOUT_SECONDS + " s");
        }
    }

    private void copy(Path source, Path target, String sha, boolean hashBeside) throws IOException, BenchFailure {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel sending = SocketChannel.open(server.getLocalAddress());
                    SocketChannel receiving = server.accept()) {
                if (verified) {
                    SocketCopy.copyVerified(source, target, sending, receiving, TIMEOUT_SECONDS, sha, hashBeside);
                } else {
                    SocketCopy.copy(source, target, sending, receiving, TIMEOUT_SECONDS);
                }
            }
        }
    }
}
