package io.sift.tools.smackpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TallyTest {

    private static long now() {
        return System.nanoTime();
    }

    @Test
    void finishesAfterTheExpectedNumberCompleted() throws InterruptedException {
        Tally tally = new Tally(2, false);
        assertTrue(tally.claim());
        assertTrue(tally.claim());
        assertFalse(tally.claim());
        tally.completed();
        assertFalse(tally.await(now()));
        tally.completed();
        assertTrue(tally.await(now()));
        assertFalse(tally.anyFailed());
        assertTrue(tally.succeeded());
        assertEquals(2, tally.completedCount());
    }

    @Test
    void firstFailureFinishesAtOnce() throws InterruptedException {
        Tally tally = new Tally(3, false);
        tally.completed();
        tally.failed();
        assertTrue(tally.await(now()));
        assertTrue(tally.anyFailed());
        assertFalse(tally.succeeded());
        assertEquals(1, tally.completedCount());
    }

    @Test
    void keepingGoingAFailureIsReportedAndMoreOffersAreTakenUntilEnoughCompleted() throws InterruptedException {
        Tally tally = new Tally(1, true);
        assertTrue(tally.claim());
        tally.failed();
        assertFalse(tally.await(now()), "a failure does not end it");
        assertTrue(tally.claim(), "the offer that tries again is taken");
        assertTrue(tally.claim(), "offers are not counted, only completed transfers");
        tally.completed();
        assertTrue(tally.await(now()));
        assertFalse(tally.claim(), "enough completed");
        assertTrue(tally.anyFailed());
        assertTrue(tally.succeeded());
    }

    @Test
    void expectsAtLeastOne() {
        assertThrows(IllegalArgumentException.class, () -> new Tally(0, false));
    }
}
