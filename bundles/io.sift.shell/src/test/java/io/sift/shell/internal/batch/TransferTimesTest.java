package io.sift.shell.internal.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.sift.api.Direction;
import io.sift.api.TransferEvent;

class TransferTimesTest {

    private static final Instant OFFERED = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void columnsAreMillisToTheEndAndToTheFirstByte() {
        TransferTimes times = new TransferTimes();
        times.transferEvent(event("t1", TransferEvent.Type.OFFERED, 0));
        times.transferEvent(event("t1", TransferEvent.Type.STARTED, 24));
        times.transferEvent(event("t1", TransferEvent.Type.STARTED, 90));
        times.transferEvent(event("t1", TransferEvent.Type.COMPLETED, 1500));
        assertEquals("1500\t24", times.columns("t1", OFFERED, OFFERED.plusMillis(9999)));
    }

    @Test
    void aTransferThatNeverStartedHasNoFirstByteAndEndsWhenAsked() {
        TransferTimes times = new TransferTimes();
        times.transferEvent(event("t2", TransferEvent.Type.FAILED, 7));
        assertEquals("7\t-", times.columns("t2", OFFERED, OFFERED.plusMillis(9999)));
        assertEquals("30\t-", times.columns("unknown", OFFERED, OFFERED.plusMillis(30)));
    }

    @Test
    void eventsOfOtherTransfersDoNotMix() {
        TransferTimes times = new TransferTimes();
        times.transferEvent(event("a", TransferEvent.Type.STARTED, 5));
        times.transferEvent(event("b", TransferEvent.Type.CANCELLED, 8));
        assertEquals("100\t5", times.columns("a", OFFERED, OFFERED.plusMillis(100)));
        assertEquals("8\t-", times.columns("b", OFFERED, OFFERED.plusMillis(100)));
    }

    @Test
    void awaitEndReturnsOnceTheEndEventArrives() throws Exception {
        TransferTimes times = new TransferTimes();
        Thread late = new Thread(() -> {
            times.transferEvent(event("d", TransferEvent.Type.STARTED, 3));
            times.transferEvent(event("d", TransferEvent.Type.COMPLETED, 40));
        });
        late.start();
        times.awaitEnd("d");
        assertEquals("40\t3", times.columns("d", OFFERED, OFFERED.plusMillis(5000)));
        late.join();
    }

    @Test
    void awaitEndGivesUpForATransferThatNeverEnds() throws Exception {
        TransferTimes times = new TransferTimes();
        long start = System.nanoTime();
        times.awaitEnd("never");
        assertTrue(System.nanoTime() - start >= TransferTimes.END_EVENT_WAIT.toNanos());
    }

    @Test
    void aClockThatWentBackwardsNeverGivesNegativeTimes() {
        TransferTimes times = new TransferTimes();
        times.transferEvent(event("c", TransferEvent.Type.STARTED, -50));
        assertEquals("0\t0", times.columns("c", OFFERED, OFFERED.minusMillis(10)));
    }

    private static TransferEvent event(String id, TransferEvent.Type type, long millisAfterOffer) {
        return new TransferEvent(type, id, "alice@localhost", "bob@localhost/x", Direction.OUTGOING, "f.bin", 10,
                0, Optional.empty(), Optional.empty(), OFFERED.plusMillis(millisAfterOffer));
    }
}
