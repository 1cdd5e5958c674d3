package io.sift.tools.smackpeer;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * This process's CPU time right before the first offer, as one stderr line {@code cpu-at-offer-nanos<TAB>N}.
 * The benchmark subtracts it from the process's total CPU, so that JVM start-up and login do not count as
 * transfer CPU. stderr, because stdout carries only the event lines that tests and benchmarks parse.
 */
final class CpuAtOffer {

    static final String KEY = "cpu-at-offer-nanos";

    private final PrintStream err;

    CpuAtOffer(PrintStream err) {
        this.err = err;
    }

    void print() {
        printLine(err, KEY, processCpuNanos());
    }

    /** {@code key<TAB>nanos} as one line on stderr. */
    static void printLine(PrintStream err, String key, long nanos) {
        // one print under the stream's lock, as ErrorLog does: no other writer splits the line
        synchronized (err) {
            err.print(key + '\t' + nanos + '\n');
            err.flush();
        }
    }

    /** CPU time of all this process's threads so far, or -1 where the runtime cannot tell. */
    static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean withCpu) {
            // -1 from the bean too when the platform does not support it
            return withCpu.getProcessCpuTime();
        }
        return -1;
    }
}
