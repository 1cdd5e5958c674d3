package io.sift.filetransfer.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Hashes the bytes a copy loop moves, on another thread: SHA-256 costs about as much CPU per byte as
 * the copy itself, so hashing in line would halve the speed of a fast stream. The copy loop borrows a
 * buffer, fills it, writes it out and hands it over; the hasher gives it back when it has read it. A
 * few buffers in turn let both run at once while bounding the memory.
 */
final class HashingPipe implements AutoCloseable {

    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final BlockingQueue<ByteBuffer> free;
    private final BlockingQueue<ByteBuffer> filled;
    private final MessageDigest sha256 = Digests.sha256();
    private final MessageDigest md5;
    private final CompletableFuture<Void> hashed;
    private boolean ended;

    /**
     * @param withMd5 whether the MD5 is computed too (the sender announced one)
     * @param buffers how many buffers circulate; the copy loop waits when all are with the hasher
     */
    HashingPipe(boolean withMd5, Executor executor, int buffers, int bufferSize) {
        this.md5 = withMd5 ? Digests.md5() : null;
        this.free = new ArrayBlockingQueue<>(buffers);
        this.filled = new ArrayBlockingQueue<>(buffers + 1);
        for (int i = 0; i < buffers; i++) {
            // direct: socket and file copy straight to and from it, not through a hidden temporary buffer
            free.add(ByteBuffer.allocateDirect(bufferSize));
        }
        this.hashed = CompletableFuture.runAsync(this::hashUntilEnd, executor);
    }

    /** An empty buffer to fill; waits while every buffer is still being hashed. */
    ByteBuffer borrow() throws InterruptedException {
        ByteBuffer buffer = free.take();
        buffer.clear();
        return buffer;
    }

    /** Hands a buffer back to be hashed from its position to its limit (a flipped buffer). */
    void hash(ByteBuffer buffer) {
        filled.add(buffer);
    }

    /** Returns a borrowed buffer that was not filled. */
    void giveBack(ByteBuffer buffer) {
        free.add(buffer);
    }

    /** Waits until everything handed over is hashed. */
    ContentHashes finish() throws InterruptedException {
        end();
        try {
            hashed.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing failed", e.getCause());
        }
        return new ContentHashes(Digests.hex(sha256), Optional.ofNullable(md5).map(Digests::hex));
    }

    /** Stops the hasher once it has read what was handed over (a copy that ended early needs no result). */
    @Override
    public void close() {
        end();
    }

    private synchronized void end() {
        if (!ended) {
            ended = true;
            filled.add(END);
        }
    }

    private void hashUntilEnd() {
        try {
            for (ByteBuffer buffer = filled.take(); buffer != END; buffer = filled.take()) {
                if (md5 != null) {
                    md5.update(buffer.duplicate());
                }
                sha256.update(buffer);
                free.add(buffer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        }
    }
}
