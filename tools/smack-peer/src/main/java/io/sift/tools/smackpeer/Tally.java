package io.sift.tools.smackpeer;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the receiver's transfers: it is finished after the expected number completed, or at the first failure. */
final class Tally {

    private final int expected;
    private final AtomicInteger claimed = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);

    Tally(int expected) {
        if (expected < 1) {
            throw new IllegalArgumentException("expected must be at least 1: " + expected);
        }
        this.expected = expected;
    }

    /** Takes a place for an incoming offer; false when the expected number of offers has been taken already. */
    boolean claim() {
        return claimed.incrementAndGet() <= expected;
    }

    void completed() {
        if (completed.incrementAndGet() >= expected) {
            finished.countDown();
        }
    }

    void failed() {
        failed.set(true);
        finished.countDown();
    }

    /** Waits until finished; false when the deadline (System.nanoTime) passed first. */
    boolean await(long deadlineNanos) throws InterruptedException {
        return finished.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    boolean anyFailed() {
        return failed.get();
    }

    int completedCount() {
        return completed.get();
    }

    int expected() {
        return expected;
    }
}
