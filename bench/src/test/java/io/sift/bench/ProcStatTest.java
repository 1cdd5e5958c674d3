package io.sift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
    private static final String STAT = "4242 (java) S 1 4242 4242 0 -1 4194560 9000 0 0 0 150 30 700 45 20 0 30 0";

    @Test
    void ownAndChildrenTimes() {
        assertEquals(OptionalLong.of(180), ProcStat.ownTicks(STAT));
        assertEquals(OptionalLong.of(745), ProcStat.childrenTicks(STAT));
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String stat = "7 (a) b (c) S 1 7 7 0 -1 0 0 0 0 0 11 22 33 44 20 0";
        assertEquals(OptionalLong.of(33), ProcStat.ownTicks(stat));
        assertEquals(OptionalLong.of(77), ProcStat.childrenTicks(stat));
    }

    @Test
    void truncatedOrGarbledStatGivesNothing() {
        for (String stat : new String[] {"", "4242", "4242 (java", "4242 (java) S 1 2 3",
            "4242 (java) S 1 4242 4242 0 -1 0 0 0 0 0 -5 30 700 45", "4242 (java) S 1 4242 4242 0 -1 0 0 0 0 0 x y z w",
            "4242 (java) S 1 4242 4242 0 -1 0 0 0 0 0 1234567890123456789012 1 1 1", "4242 (java)"}) {
            assertEquals(OptionalLong.empty(), ProcStat.ownTicks(stat), stat);
        }
    }

    @Test
    void peakResidentSetFromStatus() {
        String status = "Name:\tjava\nVmPeak:\t 3000000 kB\nVmHWM:\t  140500 kB\nVmRSS:\t  120000 kB\n";
        assertEquals(OptionalLong.of(140500L * 1024), ProcStat.peakRssBytes(status));
        assertEquals(OptionalLong.empty(), ProcStat.peakRssBytes("Name:\tjava\n"));
        assertEquals(OptionalLong.empty(), ProcStat.peakRssBytes("VmHWM:\t 12 MB\n"));
        assertEquals(OptionalLong.empty(), ProcStat.peakRssBytes("VmHWM:\t -12 kB\n"));
        assertEquals(OptionalLong.empty(), ProcStat.peakRssBytes("VmHWM:\t 99999999999999999999 kB\n"));
        assertEquals(OptionalLong.empty(), ProcStat.peakRssBytes("VmHWM:"));
    }

    @Test
    void thisProcessHasATimeAndAPeak() {
        long pid = ProcessHandle.current().pid();
        assertTrue(ProcStat.ownTicks(pid).isPresent());
        assertTrue(ProcStat.peakRssBytes(pid).orElse(0) > 1 << 20);
        assertEquals(OptionalLong.empty(), ProcStat.ownTicks(Long.MAX_VALUE));
    }
}
