package io.sift.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

class PeakHeapTest {

    @Test
    void theLineIsANameAndAPositiveByteCount() {
        String[] fields = PeakHeap.line().split("\t");
        assertEquals(2, fields.length);
        assertEquals("peak-heap-bytes", fields[0]);
        long bytes = Long.parseLong(fields[1]);
        assertTrue(bytes > 0 && bytes <= Runtime.getRuntime().maxMemory() * 2, fields[1]);
    }

    @Test
    void onlyHeapPoolsCount() {
        long heap = PeakHeap.bytes(ManagementFactory.getMemoryPoolMXBeans());
        long all = ManagementFactory.getMemoryPoolMXBeans().stream()
                .mapToLong(p -> p.getPeakUsage() == null ? 0 : p.getPeakUsage().getUsed()).sum();
        assertTrue(heap > 0 && heap < all, heap + " of " + all);
    }
}
