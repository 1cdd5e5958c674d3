package io.sift.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The same file copied from disk, over one 127.0.0.1 TCP connection between two threads, onto disk,
 * with no protocol at all. Plain, it is the most any transfer could do here (the ceiling); verified,
 * each end also hashes every byte it moves on a thread of its own, which is the most a transfer
 * that proves its copy could do on this machine (the bound: on two cores the hashes compete with
 * the copy for the same CPU).
 */
final class LoopbackCeiling implements Ceiling {

    private final Path work;
    private final boolean verified;

    private LoopbackCeiling(Path work, boolean verified) {
        this.work = work;
        this.verified = verified;
    }

    static LoopbackCeiling plain(Path work) {
        return new LoopbackCeiling(work, false);
    }

    static LoopbackCeiling verified(Path work) {
        return new LoopbackCeiling(work, true);
    }

    @Override
    public String label() {
        return verified ? "bound: loopback + SHA-256 both ends" : "ceiling: loopback";
    }

    @Override
    public Role role() {
        return verified ? Role.BOUND : Role.CEILING;
    }

    @Override
    public Measurement measure(Path file, String sha) throws IOException, InterruptedException, BenchFailure {
        Path copy = work.resolve("ceiling.bin");
        Peers.settle(List.of(file));
        double cpuBefore = ProcStat.thisProcessCpuSeconds();
        long millis = copy(file, copy, sha);
        double cpu = ProcStat.thisProcessCpuSeconds() - cpuBefore;
        if (!Sha256.of(copy).equals(sha)) {
            throw new BenchFailure("the loopback copy differs from its source");
        }
        Files.delete(copy);
        return new Measurement(Files.size(file), Math.max(1, millis), Double.NaN, cpu, Double.NaN, -1, 0);
    }

    private long copy(Path source, Path target, String sha) throws IOException, BenchFailure {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel sending = SocketChannel.open(server.getLocalAddress());
                    SocketChannel receiving = server.accept()) {
                return verified ? SocketCopy.copyVerified(source, target, sending, receiving, 600, sha)
                        : SocketCopy.copy(source, target, sending, receiving, 600);
            }
        }
    }
}
