package dev.sluice.bench.control;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * How long this JVM's JIT compilers have worked so far. A process whose compilers are still busy
 * is not yet running the code it will run in steady state, and its compiler threads take CPU from
 * whatever else runs on the machine: a comparison warms up until this stops growing.
 */
public final class JitClock {
    private JitClock() {
    }

    /** Total JIT compilation time in milliseconds, or -1 when the JVM does not say. */
    public static long compileMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return -1;
        }
        return jit.getTotalCompilationTime();
    }
}
