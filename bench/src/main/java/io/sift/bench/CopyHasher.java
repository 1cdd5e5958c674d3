package io.sift.bench;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One end of a verified copy: its copy thread fills buffers and hands them over, a hasher thread of
 * its own computes the SHA-256 of what passed and gives each buffer back. Eight buffers of 256 KiB
 * circulate, the shape a SIFT transfer hashes with on each side, so the bound it measures is what
 * that design could reach here with no protocol on top. In line, as a SIFT stream hashes once the
 * streams outnumber its hasher places, the copy thread hashes each buffer as it hands it over, and
 * one buffer is enough.
 */
final class CopyHasher implements AutoCloseable {

    static final int BUFFER = 256 * 1024;
    private static final int BUFFERS = 8;
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final BlockingQueue<ByteBuffer> free;
    private final BlockingQueue<ByteBuffer> filled;
    private final MessageDigest sha256;
    /** Null when the copy thread hashes in line. */
    private final CompletableFuture<Void> hashed;
    private boolean ended;

    /** beside: with a hasher thread of its own; otherwise the copy thread hashes in line. */
    CopyHasher(String name, boolean beside) {
        sha256 = Sha256.digest();
        int buffers = beside ? BUFFERS : 1;
        free = new ArrayBlockingQueue<>(buffers);
        filled = new ArrayBlockingQueue<>(buffers + 1);
        for (int i = 0; i < buffers; i++) {
            free.add(ByteBuffer.allocateDirect(BUFFER));
        }
        if (!beside) {
            hashed = null;
            return;
        }
        hashed = new CompletableFuture<>();
        Thread hasher = new Thread(this::hashUntilEnd, "hash " + name);
        hasher.setDaemon(true);
        hasher.start();
    }

    /** An empty buffer to fill; waits while all of them are with the hasher. */
    ByteBuffer borrow() throws InterruptedException {
        return free.take().clear();
    }

    /** A flipped buffer to hash from its position to its limit. */
    void hash(ByteBuffer buffer) {
        if (hashed == null) {
            sha256.update(buffer);
            free.add(buffer);
        } else {
            filled.add(buffer);
        }
    }

    /** The SHA-256 (lower-case hex) of everything handed over, once it is hashed. */
    String finish() throws InterruptedException, ExecutionException {
        end();
        if (hashed != null) {
            hashed.get();
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    @Override
    public void close() {
        end();
    }

    private synchronized void end() {
        if (!ended) {
            ended = true;
            if (hashed != null) {
                filled.add(END);
            }
        }
    }

    private void hashUntilEnd() {
        try {
            for (ByteBuffer buffer = filled.take(); buffer != END; buffer = filled.take()) {
                sha256.update(buffer);
                free.add(buffer);
            }
            hashed.complete(null);
        } catch (InterruptedException | RuntimeException e) {
            hashed.completeExceptionally(e);
        }
    }
}
