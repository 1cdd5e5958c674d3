package io.sift.bench;

/**
 * A count that one thread advances (blocks acknowledged or received) and another waits on, with
 * the time of the last step; a failure on either side wakes the waiter with it.
 */
final class Progress {

    private long done;
    private long lastNanos;
    private BenchFailure failure;

    synchronized void advance() {
        done++;
        lastNanos = System.nanoTime();
        notifyAll();
    }

    synchronized void fail(BenchFailure why) {
        if (failure == null) {
            failure = why;
        }
        notifyAll();
    }

    /** Waits until at least {@code target} steps are done; fails at the deadline (System.nanoTime). */
    synchronized void await(long target, long deadlineNanos, String what) throws BenchFailure, InterruptedException {
        while (done < target && failure == null) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw new BenchFailure(what + ": " + done + " of " + target + " in time");
            }
            wait(Math.max(1, left / 1_000_000));
        }
        if (failure != null) {
            throw failure;
        }
    }

    synchronized long lastNanos() {
        return lastNanos;
    }

    synchronized long done() {
        return done;
    }
}
