package io.sift.tools.smackpeer;

import java.io.PrintStream;

/**
 * This process's CPU time when its last transfer ended, printed once at the end as one stderr line
 * {@code cpu-at-end-nanos<TAB>N}. Taken as each transfer ends, before the receiver hashes the file for its
 * RESULT line and before logout and JVM exit, so the benchmark counts the transfer's own work only.
 */
final class CpuAtEnd {

    static final String KEY = "cpu-at-end-nanos";

    private final PrintStream err;
    private long latest = -1;

    CpuAtEnd(PrintStream err) {
        this.err = err;
    }

    /** A transfer has just ended. */
    synchronized void mark() {
        latest = Math.max(latest, CpuAtOffer.processCpuNanos());
    }

    /** Prints the line if any transfer ended. */
    synchronized void print() {
        if (latest < 0) {
            return;
        }
        CpuAtOffer.printLine(err, KEY, latest);
    }
}
