package dev.sluice.chaos.metrics;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The JVM's and the process's metrics (memory, garbage collection, threads, class loading, CPU,
 * open files, runtime version), the Java counterpart of the Go, process and build-info collectors
 * Toxiproxy's {@code -runtime-metrics} exports. They describe the whole process, so they are
 * registered once in a registry of their own, and every server that exports them reads that one.
 */
final class RuntimeMetrics implements MultiCollector {
    private static final PrometheusRegistry PROCESS_WIDE = register();

    private static PrometheusRegistry register() {
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        return registry;
    }

    @Override
    public MetricSnapshots collect() {
        return PROCESS_WIDE.scrape();
    }
}
