package dev.sluice.bench.load;

import io.netty.util.internal.PlatformDependent;
import java.lang.management.ManagementFactory;

/** Live heap and Netty direct memory after a full collection: what a set of connections retains. */
public record HeapProbe(long heapUsedBytes, long directUsedBytes) {
    private static final int GC_ROUNDS = 3;

    public static HeapProbe afterGc() {
        for (int i = 0; i < GC_ROUNDS; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new HeapProbe(heap, PlatformDependent.usedDirectMemory());
    }
}
