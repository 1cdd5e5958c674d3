package io.sift.runtime.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/** The most heap this JVM has used so far: what {@code --report-memory} prints at exit. */
final class PeakHeap {

    private PeakHeap() {
    }

    /** The sum of every heap pool's peak: an upper bound, as the pools peak at different moments. */
    static long bytes(List<MemoryPoolMXBean> pools) {
        long sum = 0;
        for (MemoryPoolMXBean pool : pools) {
            if (pool.getType() != MemoryType.HEAP) {
                continue;
            }
            MemoryUsage peak = pool.getPeakUsage();
            if (peak != null) {
                sum += peak.getUsed();
            }
        }
        return sum;
    }

    static String line() {
        return "peak-heap-bytes\t" + bytes(ManagementFactory.getMemoryPoolMXBeans());
    }
}
