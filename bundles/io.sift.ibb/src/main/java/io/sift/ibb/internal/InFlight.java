package io.sift.ibb.internal;

import java.util.concurrent.TimeUnit;

/**
 * The data blocks sent and not yet acknowledged. The writer waits while as many are in flight as
 * the current limit allows; the limit may change from block to block (it follows the block size).
 */
final class InFlight {

    private int count; // guarded by this
    private boolean released; // guarded by this

    /** Waits until fewer than {@code limit} blocks are in flight, then counts one more. */
    synchronized void acquire(int limit) throws InterruptedException {
        while (!released && count >= limit) {
            wait();
        }
        count++;
    }

    /** A block was acknowledged. */
    synchronized void release() {
        count--;
        notifyAll();
    }

    /** Waits until every block is acknowledged; false if that took longer than {@code millis}. */
    synchronized boolean awaitNone(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!released && count > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** The stream failed or ended: nobody waits any more (the caller finds out why). */
    synchronized void releaseAll() {
        released = true;
        notifyAll();
    }

    synchronized int count() {
        return count;
    }
}
