package dev.sluice.bench.sluice;

import dev.sluice.bench.proc.JsonLines;
import dev.sluice.connection.SluiceConnection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Child process (or by hand): how long the server's keep-alive takes to notice a frozen peer, over
 * several trials each frozen at a random phase of the ping interval.
 */
@Command(name = "keepalive", description = "Keep-alive detection latency against a frozen peer, in one JVM.")
public final class KeepAliveCommand implements Callable<Integer> {
    @Option(names = "--trials", defaultValue = "20")
    int trials;

    @Option(names = "--interval-ms", defaultValue = "100")
    long intervalMillis;

    @Option(names = "--timeout-ms", defaultValue = "300")
    long timeoutMillis;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the freeze phases")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (trials < 1 || trials > 1000) {
            throw new IllegalArgumentException("--trials must be within 1..1000, not " + trials);
        }
        Histogram detection = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        Random phases = new Random(seed);
        try (FrozenPeerRig rig = new FrozenPeerRig(Duration.ofMillis(intervalMillis), Duration.ofMillis(timeoutMillis))) {
            for (int i = 0; i < trials; i++) {
                SluiceConnection connection = rig.connect();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(intervalMillis)
                        + (long) (phases.nextDouble() * TimeUnit.MILLISECONDS.toNanos(intervalMillis)));
                detection.recordValue(TimeUnit.NANOSECONDS.toMicros(rig.freezeAndAwaitDetection(connection)));
            }
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "keepalive");
        event.put("trials", trials);
        event.put("intervalMillis", intervalMillis);
        event.put("timeoutMillis", timeoutMillis);
        event.put("minMillis", detection.getMinValue() / 1e3);
        event.put("p50Millis", detection.getValueAtPercentile(50) / 1e3);
        event.put("p90Millis", detection.getValueAtPercentile(90) / 1e3);
        event.put("p99Millis", detection.getValueAtPercentile(99) / 1e3);
        event.put("maxMillis", detection.getMaxValue() / 1e3);
        event.put("seed", seed);
        JsonLines.emit(event);
        return 0;
    }
}
