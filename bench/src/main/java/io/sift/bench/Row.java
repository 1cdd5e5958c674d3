package io.sift.bench;

/**
 * One line of the result table: the medians of one implementation (or one ceiling) in one case.
 * serverCpuSecondsPerGib is the server's part of cpuSecondsPerGib, where the server was counted;
 * otherCpuSeconds what the rest of the machine took during a run and diskReadMib what it read from
 * disk; vsBound the ratio against the
 * case's bound for a verified transfer, where it has one.
 */
record Row(String caseName, String implementation, long fileBytes, int runs, double mibPerSecond, double millis,
        double ttfbMillis, double cpuSecondsPerGib, double serverCpuSecondsPerGib, double peakHeapMib,
        double peakRssMib, double otherCpuSeconds, double diskReadMib, double vsCeiling, double vsBound, double vsSmack) {

    /** A ceiling's row, not an implementation's. */
    boolean isCeiling() {
        return implementation.startsWith("ceiling");
    }
}
