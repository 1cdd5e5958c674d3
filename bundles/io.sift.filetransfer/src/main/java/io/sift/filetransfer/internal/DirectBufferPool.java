package io.sift.filetransfer.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Direct buffers of one size, kept for the next stream. A new direct buffer is zeroed, and its pages
 * are faulted in at their first touch: a stream's eight 256 KiB buffers, made afresh, held a 1 MiB
 * transfer between running processes for several milliseconds before its first read, while the
 * sender's bytes filled the socket. At most {@code max} buffers are kept (the rest are left to the
 * garbage collector); buffers of another size are made when asked for and never kept.
 */
final class DirectBufferPool {

    private final int size;
    private final BlockingQueue<ByteBuffer> kept;

    DirectBufferPool(int size, int max) {
        if (size < 1 || max < 1) {
            throw new IllegalArgumentException("size " + size + ", max " + max);
        }
        this.size = size;
        this.kept = new ArrayBlockingQueue<>(max);
    }

    /** An empty buffer of {@code capacity} bytes, a kept one if it has the pool's size. */
    ByteBuffer take(int capacity) {
        ByteBuffer buffer = capacity == size ? kept.poll() : null;
        return buffer != null ? buffer.clear() : ByteBuffer.allocateDirect(capacity);
    }

    /** A buffer nobody reads or writes any more; kept while there is room and it has the pool's size. */
    void give(ByteBuffer buffer) {
        if (buffer.isDirect() && buffer.capacity() == size) {
            kept.offer(buffer);
        }
    }
}
