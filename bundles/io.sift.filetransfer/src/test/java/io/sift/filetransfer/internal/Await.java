package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition the code under test brings about on its own threads. */
final class Await {

    private Await() {
    }

    static void until(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not so after " + timeout.toSeconds() + " s");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
