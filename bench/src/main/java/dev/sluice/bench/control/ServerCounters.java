package dev.sluice.bench.control;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an echo server process reports when asked: its CPU time, the bytes its threads have
 * allocated (HotSpot's per-thread allocation counters, summed over every thread seen so far: a
 * thread that has ended keeps the count it last had, so the total never goes backwards when a
 * pool retires an idle thread) and the payload bytes it has echoed. Differences of two readings
 * over a window give CPU and allocation per echoed message; the event loops that do the echo
 * live as long as the server, so their allocation is counted in full.
 */
public final class ServerCounters {
    /** Thread id to the largest allocation count read for it. */
    private static final Map<Long, Long> LAST_SEEN = new ConcurrentHashMap<>();

    private ServerCounters() {
    }

    /** A reading as a JSON-ready event: {"event":"counters","cpuNanos":..,"allocatedBytes":..,"bytesEchoed":..,"jitMillis":..}. */
    public static Map<String, Object> read(EchoServerHandle server) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "counters");
        event.put("cpuNanos", processCpuNanos());
        event.put("allocatedBytes", allocatedBytes());
        event.put("bytesEchoed", server.bytesEchoed());
        event.put("jitMillis", JitClock.compileMillis());
        return event;
    }

    /** This process's CPU time (all threads), or -1 when the platform does not say. */
    static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return -1;
    }

    /** Bytes allocated so far by this JVM's live threads, or -1 when unsupported. */
    public static long allocatedBytes() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!(threads instanceof com.sun.management.ThreadMXBean)) {
            return -1;
        }
        com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) threads;
        if (!hotspot.isThreadAllocatedMemorySupported() || !hotspot.isThreadAllocatedMemoryEnabled()) {
            return -1;
        }
        long[] ids = threads.getAllThreadIds();
        long[] bytes = hotspot.getThreadAllocatedBytes(ids);
        for (int i = 0; i < ids.length; i++) {
            // a thread that ended between the id snapshot and the query reports -1: keep its last count
            if (bytes[i] > 0) {
                LAST_SEEN.merge(ids[i], bytes[i], Math::max);
            }
        }
        return LAST_SEEN.values().stream().mapToLong(Long::longValue).sum();
    }
}
