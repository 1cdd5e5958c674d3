package io.sift.bench;

import java.util.List;

/** Medians and throughput: the figures the table shows. */
final class Stats {

    private Stats() {
    }

    /** The median; NaN for no values (a case that did not run). */
    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).sorted()
                .toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** MiB per second; a transfer faster than the 1 ms clock counts as 1 ms. */
    static double mibPerSecond(long bytes, long millis) {
        return bytes / 1048576.0 / (Math.max(1, millis) / 1000.0);
    }

    /** a / b, NaN when either is unknown or b is zero. */
    static double ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? Double.NaN : a / b;
    }
}
