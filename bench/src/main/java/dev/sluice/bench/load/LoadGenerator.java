package dev.sluice.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Drives one echo target in closed or open loop and measures throughput, latency (HdrHistogram,
 * open loop timed from the intended send time) and CPU per message for both processes.
 */
public final class LoadGenerator {
    private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final long NANOS_PER_MICRO = 1_000;

    private final LoadSpec spec;
    private final Histogram latencies = new ConcurrentHistogram(HIGHEST_TRACKABLE_NANOS, 3);
    private final LongAdder echoedInWindow = new LongAdder();
    private final LongAdder sentInWindow = new LongAdder();
    private final LongAdder errors = new LongAdder();
    /** Measurement window in System.nanoTime; written by the driving thread before the phase changes. */
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;
    /** Cleared when the window ends: closed-loop echoes stop refilling. */
    private volatile boolean refilling = true;

    /** Told when the measurement window opens and closes (the parent reads the server's counters then). */
    private final WindowListener window;

    /**
     * Called on the driving thread at the edges of the measurement window, at points where blocking
     * only delays the generator, never the traffic's timing: before the closed-loop window opens
     * (the warm-up traffic keeps flowing) and before it stops refilling; before the open loop's
     * first send and after its last.
     */
    public interface WindowListener {
        WindowListener NONE = new WindowListener() {
            @Override
            public void opened() {
            }

            @Override
            public void closed() {
            }
        };

        void opened();

        void closed();
    }

    public LoadGenerator(LoadSpec spec) {
        this(spec, WindowListener.NONE);
    }

    public LoadGenerator(LoadSpec spec, WindowListener window) {
        this.window = window;
        if (spec.mode() == LoadSpec.Mode.IDLE) {
            throw new IllegalArgumentException("idle connections are held by IdleHold, not the load generator");
        }
        this.spec = spec;
    }

    public LoadResult run(EchoConnector connector) throws Exception {
        List<EchoConnection> connections = connectAll(connector);
        try {
            return spec.mode() == LoadSpec.Mode.CLOSED ? closedLoop(connections) : openLoop(connections);
        } finally {
            connections.forEach(EchoConnection::close);
        }
    }

    private List<EchoConnection> connectAll(EchoConnector connector) throws Exception {
        EchoSink sink = spec.mode() == LoadSpec.Mode.CLOSED ? this::closedEcho : this::openEcho;
        List<CompletableFuture<EchoConnection>> pending = new ArrayList<>();
        for (int i = 0; i < spec.connections(); i++) {
            pending.add(connector.connect(sink));
        }
        long deadline = System.nanoTime() + LoadSpec.CONNECT_TIMEOUT.toNanos();
        List<EchoConnection> connections = new ArrayList<>();
        for (CompletableFuture<EchoConnection> future : pending) {
            connections.add(future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        }
        return connections;
    }

    private LoadResult closedLoop(List<EchoConnection> connections) throws InterruptedException {
        long start = System.nanoTime();
        for (EchoConnection connection : connections) {
            for (int i = 0; i < spec.inflight(); i++) {
                connection.send(System.nanoTime(), spec.messageBytes());
            }
        }
        sleepUntil(start + spec.warmup().toNanos());
        return measureClosedWindow();
    }

    private void closedEcho(EchoConnection connection, long sentNanos) {
        long now = System.nanoTime();
        if (now >= windowStart && now < windowEnd) {
            latencies.recordValue(Math.min(now - sentNanos, HIGHEST_TRACKABLE_NANOS));
            echoedInWindow.increment();
        }
        if (refilling) {
            connection.send(System.nanoTime(), spec.messageBytes());
        }
    }

    private LoadResult openLoop(List<EchoConnection> connections) {
        long intervalNanos = Math.max(1, Math.round(1e9 / spec.ratePerSecond()));
        // told before any traffic: blocking here cannot shift an intended send time
        window.opened();
        long start = System.nanoTime();
        long measureStart = start + spec.warmup().toNanos();
        long measureEnd = measureStart + spec.measure().toNanos();
        windowStart = measureStart;
        windowEnd = measureEnd;
        long serverCpuBefore = -1;
        long clientCpuBefore = -1;
        boolean inWindow = false;
        for (long i = 0; ; i++) {
            long intended = start + i * intervalNanos;
            if (intended >= measureEnd) {
                break;
            }
            if (!inWindow && intended >= measureStart) {
                inWindow = true;
                serverCpuBefore = CpuClock.processNanos(spec.serverPid());
                clientCpuBefore = CpuClock.selfNanos();
            }
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            try {
                connections.get((int) (i % connections.size())).send(intended, spec.messageBytes());
                if (inWindow) {
                    sentInWindow.increment();
                }
            } catch (RuntimeException e) {
                errors.increment();
            }
        }
        sleepUntilQuietly(measureEnd);
        long serverCpuAfter = CpuClock.processNanos(spec.serverPid());
        long clientCpuAfter = CpuClock.selfNanos();
        window.closed();
        long deadline = System.nanoTime() + LoadSpec.DRAIN_TIMEOUT.toNanos();
        while (latencies.getTotalCount() < sentInWindow.sum() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        long answered = latencies.getTotalCount();
        return result(answered, spec.measure().toNanos() / 1e9, clientCpuBefore, clientCpuAfter,
                serverCpuBefore, serverCpuAfter, sentInWindow.sum() - answered);
    }

    private void openEcho(EchoConnection connection, long intendedNanos) {
        if (intendedNanos >= windowStart && intendedNanos < windowEnd) {
            latencies.recordValue(Math.min(System.nanoTime() - intendedNanos, HIGHEST_TRACKABLE_NANOS));
        }
    }

    /** Opens the window now, closes it after the measurement time and stops refilling. */
    private LoadResult measureClosedWindow() {
        window.opened();
        long serverCpuBefore = CpuClock.processNanos(spec.serverPid());
        long clientCpuBefore = CpuClock.selfNanos();
        long start = System.nanoTime();
        windowEnd = start + spec.measure().toNanos();
        windowStart = start;
        sleepUntilQuietly(windowEnd);
        long serverCpuAfter = CpuClock.processNanos(spec.serverPid());
        long clientCpuAfter = CpuClock.selfNanos();
        double seconds = (System.nanoTime() - start) / 1e9;
        window.closed();
        refilling = false;
        return result(echoedInWindow.sum(), seconds, clientCpuBefore, clientCpuAfter, serverCpuBefore,
                serverCpuAfter, 0);
    }

    private LoadResult result(long messages, double seconds, long clientCpuBefore, long clientCpuAfter,
                              long serverCpuBefore, long serverCpuAfter, long unanswered) {
        return new LoadResult(
                spec.mode().name().toLowerCase(Locale.ROOT),
                spec.connections(),
                spec.messageBytes(),
                messages,
                seconds,
                messages / seconds,
                messages * (double) spec.messageBytes() / seconds,
                micros(latencies.getValueAtPercentile(50)),
                micros(latencies.getValueAtPercentile(90)),
                micros(latencies.getValueAtPercentile(99)),
                micros(latencies.getValueAtPercentile(99.9)),
                micros(latencies.getMaxValue()),
                CpuClock.perMessage(clientCpuBefore, clientCpuAfter, messages),
                CpuClock.perMessage(serverCpuBefore, serverCpuAfter, messages),
                unanswered,
                errors.sum());
    }

    private static double micros(long nanos) {
        return nanos / (double) NANOS_PER_MICRO;
    }

    private static void sleepUntil(long deadlineNanos) throws InterruptedException {
        long wait;
        while ((wait = deadlineNanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static void sleepUntilQuietly(long deadlineNanos) {
        try {
            sleepUntil(deadlineNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
