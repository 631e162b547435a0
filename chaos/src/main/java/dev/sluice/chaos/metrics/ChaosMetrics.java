package dev.sluice.chaos.metrics;

import dev.sluice.chaos.proxy.TrafficMeter;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What {@code GET /metrics} exports, under Toxiproxy's names: with proxy metrics,
 * {@code toxiproxy_proxy_received_bytes_total} and {@code toxiproxy_proxy_sent_bytes_total}
 * labelled {@code direction}, {@code proxy}, {@code listener}, {@code upstream}; with runtime
 * metrics, the JVM's and the process's. Each server has its own registry, so two embedded servers
 * never count into each other.
 *
 * <p>A link takes its two data points once, when its connection opens; counting a chunk is then
 * one {@code LongAdder} add, with exemplars off so that nothing is sampled or allocated.
 */
public final class ChaosMetrics implements TrafficMeter {
    /** The Prometheus text format, version 0.0.4, as Toxiproxy serves it. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;
    private static final String[] LABELS = {"direction", "proxy", "listener", "upstream"};
    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

    private final PrometheusRegistry registry = new PrometheusRegistry();
    /** Null when proxy metrics are off. */
    private final Counter received;
    private final Counter sent;
    private final boolean runtime;

    private ChaosMetrics(boolean proxyMetrics, boolean runtimeMetrics) {
        this.runtime = runtimeMetrics;
        if (proxyMetrics) {
            received = byteCounter("toxiproxy_proxy_received_bytes_total",
                    "Bytes a proxy read from the sending side of a link (client for upstream, server for downstream)");
            sent = byteCounter("toxiproxy_proxy_sent_bytes_total",
                    "Bytes a proxy wrote to the receiving side of a link (server for upstream, client for downstream)");
        } else {
            received = null;
            sent = null;
        }
        if (runtimeMetrics) {
            registry.register(new RuntimeMetrics());
        }
    }

    /** Metrics as switched on; with both off, {@link #enabled()} is false and nothing is counted. */
    public static ChaosMetrics create(boolean proxyMetrics, boolean runtimeMetrics) {
        return new ChaosMetrics(proxyMetrics, runtimeMetrics);
    }

    private Counter byteCounter(String name, String help) {
        return Counter.builder()
                .name(name)
                .help(help)
                .labelNames(LABELS)
                .withoutExemplars()
                .register(registry);
    }

    /** Whether {@code /metrics} is served at all (Toxiproxy answers 404 when no metrics are on). */
    public boolean enabled() {
        return received != null || runtime;
    }

    @Override
    public LinkCounters forLink(String direction, String proxy, String listener, String upstream) {
        if (received == null) {
            return LinkCounters.NONE;
        }
        CounterDataPoint in = received.labelValues(direction, proxy, listener, upstream);
        CounterDataPoint out = sent.labelValues(direction, proxy, listener, upstream);
        return new LinkCounters(in::inc, out::inc);
    }

    /** Every metric, in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            WRITER.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics to memory", e);
        }
        return out.toByteArray();
    }
}
