package io.sift.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The most any transfer could do here: the same file copied from disk, over one 127.0.0.1 TCP
 * connection between two threads, onto disk, with plain 64 KiB buffers and no protocol at all.
 */
final class LoopbackCeiling {

    private static final int BUFFER = 64 * 1024;

    private LoopbackCeiling() {
    }

    /** Copies source to target over loopback; returns the milliseconds it took. */
    static long copy(Path source, Path target, long timeoutSeconds) throws IOException, BenchFailure {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            long start = System.nanoTime();
            CompletableFuture<Void> receiving = CompletableFuture.runAsync(() -> receive(server, target));
            try (SocketChannel socket = SocketChannel.open(server.getLocalAddress());
                    FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
                while (in.read(buffer) >= 0 || buffer.position() > 0) {
                    buffer.flip();
                    socket.write(buffer);
                    buffer.compact();
                }
            }
            receiving.get(timeoutSeconds, TimeUnit.SECONDS);
            return (System.nanoTime() - start) / 1_000_000;
        } catch (ExecutionException | TimeoutException e) {
            throw new BenchFailure("loopback copy failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("loopback copy interrupted");
        }
    }

    private static void receive(ServerSocketChannel server, Path target) {
        try (SocketChannel socket = server.accept();
                FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
            while (socket.read(buffer) >= 0) {
                buffer.flip();
                out.write(buffer);
                buffer.clear();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
