package dev.sluice.bench.load;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/** Process CPU time (user + system, all threads), for this JVM or another process by pid. */
final class CpuClock {
    private CpuClock() {
    }

    /** This JVM's CPU time in nanoseconds, or -1 when the platform does not say. */
    static long selfNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return -1;
    }

    /** Another process's CPU time in nanoseconds (clock-tick resolution), or -1 when unknown. */
    static long processNanos(long pid) {
        if (pid <= 0) {
            return -1;
        }
        return ProcessHandle.of(pid)
                .flatMap(handle -> handle.info().totalCpuDuration())
                .map(Duration::toNanos)
                .orElse(-1L);
    }

    /** CPU nanoseconds per message over a window, or -1 when either reading is unknown. */
    static double perMessage(long before, long after, long messages) {
        if (before < 0 || after < 0 || messages <= 0) {
            return -1;
        }
        return (double) (after - before) / messages;
    }
}
