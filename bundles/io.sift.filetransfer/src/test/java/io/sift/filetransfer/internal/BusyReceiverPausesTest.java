package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class BusyReceiverPausesTest {

    private final AtomicLong now = new AtomicLong(-5_000);

    @Test
    void pausesDoubleUpToTheLongestAndStopAtTheDeadline() {
        BusyReceiverPauses pauses = new BusyReceiverPauses(Duration.ofSeconds(10), now::get);
        assertEquals(Optional.of(Duration.ofMillis(250)), take(pauses));
        assertEquals(Optional.of(Duration.ofMillis(500)), take(pauses));
        assertEquals(Optional.of(Duration.ofSeconds(1)), take(pauses));
        assertEquals(Optional.of(Duration.ofSeconds(2)), take(pauses));
        assertEquals(Optional.of(Duration.ofSeconds(4)), take(pauses)); // 7.75 s waited
        assertEquals(Optional.of(Duration.ofMillis(2250)), take(pauses), "never past the deadline");
        assertEquals(Optional.empty(), take(pauses));
    }

    @Test
    void noPatienceMeansNoPause() {
        assertEquals(Optional.empty(), new BusyReceiverPauses(Duration.ZERO, now::get).next());
    }

    /** The next pause, as if it was waited in full. */
    private Optional<Duration> take(BusyReceiverPauses pauses) {
        Optional<Duration> pause = pauses.next();
        pause.ifPresent(p -> now.addAndGet(p.toNanos()));
        return pause;
    }
}
