package io.sift.itests.karaf;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition that proves an outcome, checking it often, and fails naming what never came. */
final class Await {

    private Await() {
    }

    static void until(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        if (!holdsWithin(timeout, condition)) {
            throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for: " + what);
        }
    }

    /** Whether the condition came true before the timeout; the caller says what it expected, e.g. with a diff. */
    static boolean holdsWithin(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object monitor = new Object();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            synchronized (monitor) {
                monitor.wait(50);
            }
        }
        return true;
    }
}
