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
        Tally tally = new Tally(2);
        assertTrue(tally.claim());
        assertTrue(tally.claim());
        assertFalse(tally.claim());
        tally.completed();
        assertFalse(tally.await(now()));
        tally.completed();
        assertTrue(tally.await(now()));
        assertFalse(tally.anyFailed());
        assertEquals(2, tally.completedCount());
    }

    @Test
    void firstFailureFinishesAtOnce() throws InterruptedException {
        Tally tally = new Tally(3);
        tally.completed();
        tally.failed();
        assertTrue(tally.await(now()));
        assertTrue(tally.anyFailed());
        assertEquals(1, tally.completedCount());
    }

    @Test
    void expectsAtLeastOne() {
        assertThrows(IllegalArgumentException.class, () -> new Tally(0));
    }
}
