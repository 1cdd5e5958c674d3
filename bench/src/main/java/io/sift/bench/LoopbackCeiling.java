package io.sift.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The most any transfer could do here: the same file copied from disk, over one 127.0.0.1 TCP
 * connection between two threads, onto disk, with plain 64 KiB buffers and no protocol at all.
 */
final class LoopbackCeiling implements Ceiling {

    private final Path work;

    LoopbackCeiling(Path work) {
        this.work = work;
    }

    @Override
    public String label() {
        return "ceiling: loopback";
    }

    @Override
    public Measurement measure(Path file, String sha) throws IOException, InterruptedException, BenchFailure {
        Path copy = work.resolve("ceiling.bin");
        Peers.settleDisk();
        long millis = copy(file, copy, 600);
        if (!Sha256.of(copy).equals(sha)) {
            throw new BenchFailure("the loopback copy differs from its source");
        }
        Files.delete(copy);
        return new Measurement(Files.size(file), Math.max(1, millis), Double.NaN, Double.NaN, Double.NaN, -1, 0);
    }

    /** Copies source to target over loopback; returns the milliseconds it took. */
    static long copy(Path source, Path target, long timeoutSeconds) throws IOException, BenchFailure {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel sending = SocketChannel.open(server.getLocalAddress());
                    SocketChannel receiving = server.accept()) {
                return SocketCopy.copy(source, target, sending, receiving, timeoutSeconds);
            }
        }
    }
}
