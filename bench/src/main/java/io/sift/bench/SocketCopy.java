package io.sift.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A file copied from disk into one connected socket and from another onto disk, by two threads
 * with plain 64 KiB buffers: what the ceilings move their bytes with. The sending side ends its
 * stream after the last byte; the receiving side stops after the file's size.
 */
final class SocketCopy {

    private static final int BUFFER = 64 * 1024;

    private SocketCopy() {
    }

    /** Returns the milliseconds from the first byte read to the last byte written at the other end. */
    static long copy(Path source, Path target, SocketChannel sending, SocketChannel receiving, long timeoutSeconds)
            throws IOException, BenchFailure {
        long size = Files.size(source);
        long start = System.nanoTime();
        CompletableFuture<Long> received = CompletableFuture.supplyAsync(() -> receive(receiving, target, size));
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
            while (in.read(buffer) >= 0 || buffer.position() > 0) {
                buffer.flip();
                sending.write(buffer);
                buffer.compact();
            }
            // the end of the stream, as a bytestream's sender closes it: Prosody's proxy65 passes on the
            // last chunk it read only when the initiator's connection ends
            sending.shutdownOutput();
        } catch (IOException e) {
            received.cancel(true);
            receiving.close();
            throw e;
        }
        try {
            long got = received.get(timeoutSeconds, TimeUnit.SECONDS);
            if (got != size) {
                throw new BenchFailure("the copy ended after " + got + " of " + size + " bytes");
            }
            return (System.nanoTime() - start) / 1_000_000;
        } catch (ExecutionException | TimeoutException e) {
            receiving.close();
            throw new BenchFailure("the copy failed: " + (e.getCause() != null ? e.getCause() : e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("the copy was interrupted");
        }
    }

    /** Bytes written to the target: the whole size, or fewer when the stream ended first. */
    private static long receive(SocketChannel socket, Path target, long size) {
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
            long total = 0;
            while (total < size) {
                buffer.limit((int) Math.min(BUFFER, size - total));
                if (socket.read(buffer) < 0) {
                    break;
                }
                buffer.flip();
                total += buffer.remaining();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                buffer.clear();
            }
            return total;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
