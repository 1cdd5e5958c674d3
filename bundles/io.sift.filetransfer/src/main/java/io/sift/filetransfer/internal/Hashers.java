package io.sift.filetransfer.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a copy loop's hashing runs. A hasher thread beside the copy lets a fast stream use a second
 * core, but only while a core is idle for it: a copy loop and its hasher take two cores, and once the
 * streams outnumber them, a hasher of its own only adds two thread switches per buffer and reads bytes
 * that have left the cache. So the first streams, up to one per two cores, hash beside their copy and
 * the others hash each buffer in their copy loop.
 */
final class Hashers {

    private final ExecutorService executor;
    private final int limit;
    private final AtomicInteger beside = new AtomicInteger();
    /** Two streams' worth of the pipes' buffers, so that the next streams need not make theirs. */
    private final DirectBufferPool buffers = new DirectBufferPool(HashingPipe.BUFFER, 2 * HashingPipe.BUFFERS);

    /** @param limit how many hashers may run beside copy loops at once */
    Hashers(ExecutorService executor, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit " + limit);
        }
        this.executor = executor;
        this.limit = limit;
    }

    /** One hasher beside a copy loop per two cores of this machine, and at least one. */
    static Hashers forThisMachine(ExecutorService executor) {
        return new Hashers(executor, Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }

    /** Takes a place for a hasher beside a copy loop; false when every place is taken (hash in line). */
    boolean claim() {
        while (true) {
            int now = beside.get();
            if (now >= limit) {
                return false;
            }
            if (beside.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives back a place taken by {@link #claim()}. */
    void release() {
        beside.decrementAndGet();
    }

    /** The buffers that pipes circulate between copy loops and hashers, kept from one stream to the next. */
    DirectBufferPool buffers() {
        return buffers;
    }

    /** Where hashers beside copy loops, and whole-file hashes read beside a send, run. */
    ExecutorService executor() {
        return executor;
    }
}
