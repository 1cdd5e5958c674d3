package io.sift.ibb.internal;

import java.util.concurrent.TimeUnit;

/**
 * The data blocks sent and not yet answered. The writer waits while as many are in flight as the
 * current limit allows; the limit may change from block to block (it follows the block size).
 * Every answer counts, an error as much as an acknowledgement: once the stream failed, the answers
 * still under way may tell why.
 */
final class InFlight {

    private int count; // guarded by this
    private boolean released; // guarded by this

    /**
     * Waits until fewer than {@code limit} blocks are in flight, then counts one more.
     *
     * @return false, counting nothing, when the stream failed or ended meanwhile
     */
    synchronized boolean acquire(int limit) throws InterruptedException {
        while (!released && count >= limit) {
            wait();
        }
        if (released) {
            return false;
        }
        count++;
        return true;
    }

    /** A block was answered, or a counted block was never sent. */
    synchronized void answered() {
        count--;
        notifyAll();
    }

    /**
     * Waits until every block is answered, or the stream failed; false if that took longer than
     * {@code millis}.
     */
    synchronized boolean awaitNone(long millis) throws InterruptedException {
        return awaitNone(millis, false);
    }

    /** Waits until every block is answered, even after the stream failed; false if that took longer than {@code millis}. */
    synchronized boolean awaitAllAnswered(long millis) throws InterruptedException {
        return awaitNone(millis, true);
    }

    private boolean awaitNone(long millis, boolean evenIfReleased) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while ((evenIfReleased || !released) && count > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** The stream failed or ended: nobody waits for a slot any more (the caller finds out why). */
    synchronized void releaseAll() {
        released = true;
        notifyAll();
    }

    synchronized int count() {
        return count;
    }
}
