package io.sift.filetransfer.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Hashes the bytes a copy loop moves, on another thread when {@link Hashers} has a place for one:
 * SHA-256 costs about as much CPU per byte as the copy itself, so hashing in line would halve the speed
 * of a fast stream that has a core to spare. The copy loop borrows a buffer, fills it, writes it out
 * and hands it over; the hasher gives it back when it has read it. A few buffers in turn let both run
 * at once while bounding the memory. Without a place, the copy loop hashes each buffer as it hands it
 * over, while the bytes are still in the cache, and one buffer is enough. Buffers come from the
 * {@link Hashers#buffers() pool} as the copy loop first needs them, and go back to it once the pipe
 * has ended and the hasher has read the last one.
 */
final class HashingPipe implements AutoCloseable {

    /** The size of the buffers a stream's pipe circulates (the pool keeps this size). */
    static final int BUFFER = 256 * 1024;
    /** Buffers between the copy and the hasher: enough that neither waits for the other's bursts. */
    static final int BUFFERS = 8;

    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final DirectBufferPool pool;
    private final int bufferSize;
    private final int circulating;
    /** How many buffers the copy loop took from the pool; read and written by the copy loop only. */
    private int taken;
    private final BlockingQueue<ByteBuffer> free;
    private final BlockingQueue<ByteBuffer> filled;
    private final MessageDigest sha256 = Digests.sha256();
    private final MessageDigest md5;
    /** Null when the copy loop hashes in line. */
    private final CompletableFuture<Void> hashed;
    private boolean ended;

    /**
     * @param withMd5 whether the MD5 is computed too (the sender announced one)
     * @param buffers how many buffers circulate when a hasher runs beside the copy loop; the copy loop
     *            waits when all are with the hasher
     */
    HashingPipe(boolean withMd5, Hashers hashers, int buffers, int bufferSize) {
        this.md5 = withMd5 ? Digests.md5() : null;
        this.pool = hashers.buffers();
        this.bufferSize = bufferSize;
        boolean beside = hashers.claim();
        this.circulating = beside ? buffers : 1;
        this.free = new ArrayBlockingQueue<>(circulating);
        this.filled = new ArrayBlockingQueue<>(circulating + 1);
        if (!beside) {
            this.hashed = null;
            return;
        }
        try {
            // the place and the buffers are free again before finish() returns: the next stream can have them
            this.hashed = CompletableFuture.runAsync(() -> {
                try {
                    hashUntilEnd();
                } finally {
                    returnBuffers();
                    hashers.release();
                }
            }, hashers.executor());
        } catch (RuntimeException notStarted) {
            hashers.release();
            throw notStarted;
        }
    }

    /** An empty buffer to fill; waits while every buffer is still being hashed. */
    ByteBuffer borrow() throws InterruptedException {
        ByteBuffer buffer = free.poll();
        if (buffer == null && taken < circulating) {
            taken++;
            // direct: socket and file copy straight to and from it, not through a hidden temporary buffer
            return pool.take(bufferSize);
        }
        if (buffer == null) {
            buffer = free.take();
        }
        buffer.clear();
        return buffer;
    }

    /** Hands a buffer back to be hashed from its position to its limit (a flipped buffer). */
    void hash(ByteBuffer buffer) {
        if (hashed == null) {
            update(buffer);
            free.add(buffer);
        } else {
            filled.add(buffer);
        }
    }

    /** Returns a borrowed buffer that was not filled. */
    void giveBack(ByteBuffer buffer) {
        free.add(buffer);
    }

    /** Waits until everything handed over is hashed. */
    ContentHashes finish() throws InterruptedException {
        end();
        if (hashed != null) {
            try {
                hashed.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("hashing failed", e.getCause());
            }
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
            if (hashed != null) {
                filled.add(END);
            } else {
                // hashed in line: every buffer handed over is back, and the copy loop has done with them
                returnBuffers();
            }
        }
    }

    /**
     * Gives the free buffers to the pool, once nobody will read them again: a buffer the copy loop
     * borrowed and never handed over (it failed in between) is left to the garbage collector.
     */
    private void returnBuffers() {
        for (ByteBuffer buffer = free.poll(); buffer != null; buffer = free.poll()) {
            pool.give(buffer);
        }
    }

    private void update(ByteBuffer buffer) {
        if (md5 != null) {
            md5.update(buffer.duplicate());
        }
        sha256.update(buffer);
    }

    private void hashUntilEnd() {
        try {
            for (ByteBuffer buffer = filled.take(); buffer != END; buffer = filled.take()) {
                update(buffer);
                free.add(buffer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        }
    }
}
