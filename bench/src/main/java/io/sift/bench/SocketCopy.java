package io.sift.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * A file copied from disk into one connected socket and from another onto disk, by two threads:
 * what the ceilings move their bytes with. Plain, with one 64 KiB buffer a side; or verified, where
 * each side also computes the SHA-256 of what it moved on a hasher thread of its own
 * ({@link CopyHasher}). The sending side ends its stream after the last byte; the receiving side
 * stops after the file's size.
 */
final class SocketCopy {

    private static final int BUFFER = 64 * 1024;
    /** What the receiving side gathers before it writes and hands a buffer over. */
    private static final int BATCH = 64 * 1024;

    /** Where a side's buffers come from and go to once moved. */
    private interface Buffers extends AutoCloseable {
        ByteBuffer next() throws InterruptedException;

        /** The buffer's bytes, from 0 to its limit, have been moved. */
        void moved(ByteBuffer buffer);

        /** The SHA-256 of what was moved, or null when this side does not hash. */
        String sha() throws InterruptedException, ExecutionException;

        @Override
        void close();
    }

    private SocketCopy() {
    }

    /** Returns the milliseconds from the first byte read to the last byte written at the other end. */
    static long copy(Path source, Path target, SocketChannel sending, SocketChannel receiving, long timeoutSeconds)
            throws IOException, BenchFailure {
        return copy(source, target, sending, receiving, timeoutSeconds, null, true);
    }

    /**
     * Like {@link #copy(Path, Path, SocketChannel, SocketChannel, long)}, with both sides hashing what
     * they move, each on a hasher thread of its own (hashBeside) or in its copy thread; the time
     * includes both hashes, and either differing from expectedSha fails the copy.
     */
    static long copyVerified(Path source, Path target, SocketChannel sending, SocketChannel receiving,
            long timeoutSeconds, String expectedSha, boolean hashBeside) throws IOException, BenchFailure {
        return copy(source, target, sending, receiving, timeoutSeconds, expectedSha, hashBeside);
    }

    private static long copy(Path source, Path target, SocketChannel sending, SocketChannel receiving,
            long timeoutSeconds, String expectedSha, boolean hashBeside) throws IOException, BenchFailure {
        long size = Files.size(source);
        boolean verified = expectedSha != null;
        long start = System.nanoTime();
        CompletableFuture<Received> received = onNewThread("receiver",
                () -> receive(receiving, target, size, buffers(verified, hashBeside, "receiver")));
        String sent;
        try {
            sent = send(source, sending, verified, hashBeside);
        } catch (IOException | BenchFailure e) {
            received.cancel(true);
            receiving.close();
            throw e;
        }
        try {
            Received got = received.get(timeoutSeconds, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (got.bytes() != size) {
                throw new BenchFailure("the copy ended after " + got.bytes() + " of " + size + " bytes");
            }
            if (verified && !(expectedSha.equals(sent) && expectedSha.equals(got.sha()))) {
                throw new BenchFailure("the verified copy's hashes differ from the file's: sent " + sent
                        + ", received " + got.sha());
            }
            return millis;
        } catch (ExecutionException | TimeoutException e) {
            receiving.close();
            throw new BenchFailure("the copy failed: " + (e.getCause() != null ? e.getCause() : e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("the copy was interrupted");
        }
    }

    /** What a blocking step needs while others block too: a thread of its own, not a shared pool's. */
    interface Step<T> {
        T run() throws Exception;
    }

    /** Runs the step on a new daemon thread; its result or its exception completes the future. */
    static <T> CompletableFuture<T> onNewThread(String name, Step<T> step) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(step.run());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /**
     * One end of a copy between two processes: sends the file, hashing it beside the copy when hashed,
     * and ends the stream. Returns the SHA-256 of what was sent, or null when not hashed.
     */
    static String sendFile(Path source, SocketChannel socket, boolean hashed) throws IOException, BenchFailure {
        return send(source, socket, hashed, true);
    }

    private static String send(Path source, SocketChannel socket, boolean hashed, boolean beside)
            throws IOException, BenchFailure {
        try (Buffers buffers = buffers(hashed, beside, "sender");
                FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            send(in, socket, buffers);
            // the end of the stream, as a bytestream's sender closes it: Prosody's proxy65 passes on the
            // last chunk it read only when the initiator's connection ends
            socket.shutdownOutput();
            return buffers.sha();
        } catch (InterruptedException | ExecutionException e) {
            throw new BenchFailure("the sending side's hash failed: " + e);
        }
    }

    /** The other end: writes what arrives to the target until size bytes are in or the stream ends. */
    static Received receiveFile(SocketChannel socket, Path target, long size, boolean hashed) throws IOException {
        try {
            return receive(socket, target, size, buffers(hashed, true, "receiver"));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void send(FileChannel in, SocketChannel socket, Buffers buffers)
            throws IOException, InterruptedException {
        for (boolean end = false; !end;) {
            ByteBuffer buffer = buffers.next();
            while (buffer.hasRemaining() && !end) {
                end = in.read(buffer) < 0;
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                socket.write(buffer);
            }
            buffers.moved(buffer);
        }
    }

    /** What arrived and was written: the byte count, and its SHA-256 when hashed (else null). */
    record Received(long bytes, String sha) {
    }

    /** What arrived and was written to the target: the whole size, or less when the stream ended first. */
    private static Received receive(SocketChannel socket, Path target, long size, Buffers buffers) {
        try (buffers; FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long total = 0;
            boolean end = false;
            while (total < size && !end) {
                ByteBuffer buffer = buffers.next();
                buffer.limit((int) Math.min(buffer.capacity(), size - total));
                // written and handed over once a batch is in, as a SIFT receiver does: filling each
                // 256 KiB buffer to its end cost a verified copy a fifth more CPU (bench/README)
                while (buffer.position() < BATCH && buffer.hasRemaining() && !end) {
                    end = socket.read(buffer) < 0;
                }
                buffer.flip();
                total += buffer.remaining();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                buffers.moved(buffer);
            }
            return new Received(total, buffers.sha());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("the receiving side's hash failed", e);
        }
    }

    private static Buffers buffers(boolean hashed, boolean beside, String side) {
        return hashed ? new HashedBuffers(new CopyHasher(side, beside)) : new PlainBuffer();
    }

    /** One buffer, used over and over. */
    private static final class PlainBuffer implements Buffers {
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);

        @Override
        public ByteBuffer next() {
            return buffer.clear();
        }

        @Override
        public void moved(ByteBuffer moved) {
        }

        @Override
        public String sha() {
            return null;
        }

        @Override
        public void close() {
        }
    }

    /** Buffers that go to the side's hasher once moved. */
    private record HashedBuffers(CopyHasher hasher) implements Buffers {
        @Override
        public ByteBuffer next() throws InterruptedException {
            return hasher.borrow();
        }

        @Override
        public void moved(ByteBuffer buffer) {
            hasher.hash(buffer.rewind());
        }

        @Override
        public String sha() throws InterruptedException, ExecutionException {
            return hasher.finish();
        }

        @Override
        public void close() {
            hasher.close();
        }
    }
}
