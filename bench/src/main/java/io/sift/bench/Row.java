package io.sift.bench;

/** One line of the result table: the medians of one implementation in one case. */
record Row(String caseName, String implementation, long fileBytes, int runs, double mibPerSecond, double millis,
        double ttfbMillis, double cpuSecondsPerGib, double peakHeapMib, double peakRssMib, double vsCeiling,
        double vsSmack) {
}
