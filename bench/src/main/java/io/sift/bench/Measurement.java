package io.sift.bench;

/**
 * One run of one implementation: bytes moved, how long it took, and what it cost: cpuSeconds is
 * everything (peers, and the server where counted), serverCpuSeconds the server's part of it;
 * otherCpuSeconds what the rest of the machine took meanwhile ({@link OtherLoad}). NaN (or -1 for
 * byte counts) where the implementation does not tell.
 */
record Measurement(long bytes, long millis, double ttfbMillis, double cpuSeconds, double serverCpuSeconds,
        long peakHeapBytes, long peakRssBytes, double otherCpuSeconds) {

    Measurement(long bytes, long millis, double ttfbMillis, double cpuSeconds, double serverCpuSeconds,
            long peakHeapBytes, long peakRssBytes) {
        this(bytes, millis, ttfbMillis, cpuSeconds, serverCpuSeconds, peakHeapBytes, peakRssBytes, Double.NaN);
    }

    Measurement withOtherCpuSeconds(double seconds) {
        return new Measurement(bytes, millis, ttfbMillis, cpuSeconds, serverCpuSeconds, peakHeapBytes, peakRssBytes,
                seconds);
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
