package io.sift.bench;

/**
 * One run of one implementation: bytes moved, how long it took, and what it cost: cpuSeconds is
 * everything (peers, and the server where counted), serverCpuSeconds the server's part of it;
 * otherCpuSeconds what the rest of the machine took meanwhile and diskReadMib what the machine read
 * from its disks meanwhile ({@link OtherLoad}). NaN (or -1 for byte counts) where the implementation
 * does not tell.
 */
record Measurement(long bytes, long millis, double ttfbMillis, double cpuSeconds, double serverCpuSeconds,
        long peakHeapBytes, long peakRssBytes, double otherCpuSeconds, double diskReadMib) {

    Measurement(long bytes, long millis, double ttfbMillis, double cpuSeconds, double serverCpuSeconds,
            long peakHeapBytes, long peakRssBytes) {
        this(bytes, millis, ttfbMillis, cpuSeconds, serverCpuSeconds, peakHeapBytes, peakRssBytes, Double.NaN,
                Double.NaN);
    }

    /** The same run with what the rest of the machine took and read from disk meanwhile. */
    Measurement withMachine(double otherCpuSeconds, double diskReadMib) {
        return new Measurement(bytes, millis, ttfbMillis, cpuSeconds, serverCpuSeconds, peakHeapBytes, peakRssBytes,
                otherCpuSeconds, diskReadMib);
    }

    double mibPerSecond() {
        return Stats.mibPerSecond(bytes, millis);
    }

    double cpuSecondsPerGib() {
        return cpuSeconds / (bytes / (double) (1L << 30));
    }

    double serverCpuSecondsPerGib() {
        return serverCpuSeconds / (bytes / (double) (1L << 30));
    }
}
