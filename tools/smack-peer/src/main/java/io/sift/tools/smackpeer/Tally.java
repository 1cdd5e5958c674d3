package io.sift.tools.smackpeer;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the receiver's transfers: it is finished after the expected number completed, or at the first
 * failure. One that keeps going after failures (a sender that tries again) takes offers until the expected
 * number completed.
 */
final class Tally {

    private final int expected;
    private final boolean keepGoing;
    private final AtomicInteger claimed = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);

    Tally(int expected, boolean keepGoing) {
        if (expected < 1) {
            throw new IllegalArgumentException("expected must be at least 1: " + expected);
        }
        this.expected = expected;
        this.keepGoing = keepGoing;
    }

    /**
     * Takes a place for an incoming offer; false when the expected number of offers has been taken already
     * (keeping going: when the expected number completed).
     */
    boolean claim() {
        if (keepGoing) {
            return completed.get() < expected;
        }
        return claimed.incrementAndGet() <= expected;
    }

    void completed() {
        if (completed.incrementAndGet() >= expected) {
            finished.countDown();
        }
    }

    void failed() {
        failed.set(true);
        if (!keepGoing) {
            finished.countDown();
        }
    }

    /** Waits until finished; false when the deadline (System.nanoTime) passed first. */
    boolean await(long deadlineNanos) throws InterruptedException {
        return finished.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    boolean anyFailed() {
        return failed.get();
    }

    /** Whether the receiver did what it was asked: every transfer completed, or (keeping going) enough did. */
    boolean succeeded() {
        return keepGoing ? completed.get() >= expected : !failed.get() && completed.get() >= expected;
    }

    int completedCount() {
        return completed.get();
    }

    int expected() {
        return expected;
    }
}
