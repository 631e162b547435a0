package dev.sluice.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Measures what the proxy costs with no toxic, against a direct connection in the same run: echo
 * round-trip time (median, p99) and streaming throughput. Not part of the default test run (the
 * class name matches no surefire pattern); run it with leak detection off:
 *
 * <pre>
 * mvn -B -pl chaos -am test -Dtest=ProxyOverheadMeasurement -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dnetty.leak.level=disabled
 * </pre>
 *
 * <p>Add {@code -DproxyMetrics=true} to measure with the byte counters of {@code /metrics} on.
 */
class ProxyOverheadMeasurement {
    private static final int MESSAGE_BYTES = 64;
    private static final int WARMUP_ROUND_TRIPS = 20_000;
    private static final int MEASURED_ROUND_TRIPS = 50_000;
    private static final long PHASE_TIME_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final long STREAM_BYTES = 512L << 20;
    private static final long STREAM_TIME_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final boolean PROXY_METRICS = Boolean.getBoolean("proxyMetrics");

    @Test
    void measure() throws Exception {
        try (ProxyFixture fixture = fixture();
                Socket direct = open(fixture.upstream.port());
                Socket proxied = open(port(fixture.proxy.getListen()))) {
            roundTrips(direct, proxied, WARMUP_ROUND_TRIPS);
            long[][] samples = roundTrips(direct, proxied, MEASURED_ROUND_TRIPS);
            long[] directNanos = samples[0];
            long[] proxiedNanos = samples[1];
            report("direct ", directNanos);
            report("proxied", proxiedNanos);
            System.out.printf(Locale.ROOT, "overhead per round trip: median %.1f us, p99 %.1f us (%d round trips each)%n",
                    (percentile(proxiedNanos, 50) - percentile(directNanos, 50)) / 1000.0,
                    (percentile(proxiedNanos, 99) - percentile(directNanos, 99)) / 1000.0, directNanos.length);
        }
        try (ProxyFixture fixture = fixture();
                Socket direct = open(fixture.upstream.port());
                Socket proxied = open(port(fixture.proxy.getListen()))) {
            stream(direct, 64L << 20);
            stream(proxied, 64L << 20);
            double directRate = stream(direct, STREAM_BYTES);
            double proxiedRate = stream(proxied, STREAM_BYTES);
            System.out.printf(Locale.ROOT, "echo throughput: direct %.0f MB/s, proxied %.0f MB/s (%.0f%% of direct)%n",
                    directRate, proxiedRate, 100 * proxiedRate / directRate);
        }
    }

    private static ProxyFixture fixture() throws IOException {
        System.out.println("proxy metrics " + (PROXY_METRICS ? "on" : "off"));
        return new ProxyFixture(LoopbackServer.echo(), ChaosConfig.builder().port(0).proxyMetrics(PROXY_METRICS).build());
    }

    private static Socket open(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static int port(String listen) {
        return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    }

    /** Alternates direct and proxied round trips so both see the same machine load. */
    private static long[][] roundTrips(Socket direct, Socket proxied, int count) throws IOException {
        long[] directNanos = new long[count];
        long[] proxiedNanos = new long[count];
        byte[] message = new byte[MESSAGE_BYTES];
        long deadline = System.nanoTime() + PHASE_TIME_LIMIT_NANOS;
        int done = 0;
        while (done < count && System.nanoTime() < deadline) {
            directNanos[done] = roundTrip(direct, message);
            proxiedNanos[done] = roundTrip(proxied, message);
            done++;
        }
        return new long[][] {Arrays.copyOf(directNanos, done), Arrays.copyOf(proxiedNanos, done)};
    }

    private static long roundTrip(Socket socket, byte[] message) throws IOException {
        long start = System.nanoTime();
        socket.getOutputStream().write(message);
        InputStream in = socket.getInputStream();
        int read = 0;
        while (read < message.length) {
            int n = in.read(message, read, message.length - read);
            if (n < 0) {
                throw new IOException("echo closed");
            }
            read += n;
        }
        return System.nanoTime() - start;
    }

    /** Streams {@code bytes} through the echo and returns MB/s (1 MB = 10^6 bytes). */
    private static double stream(Socket socket, long bytes) throws Exception {
        OutputStream out = socket.getOutputStream();
        long start = System.nanoTime();
        long deadline = start + STREAM_TIME_LIMIT_NANOS;
        CompletableFuture<Long> writer = CompletableFuture.supplyAsync(() -> {
            byte[] chunk = new byte[64 << 10];
            long sent = 0;
            try {
                while (sent < bytes && System.nanoTime() < deadline) {
                    out.write(chunk);
                    sent += chunk.length;
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return sent;
        });
        byte[] buffer = new byte[64 << 10];
        long received = 0;
        InputStream in = socket.getInputStream();
        while (!writer.isDone() || received < writer.getNow(Long.MAX_VALUE)) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            received += n;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return received / 1e6 / seconds;
    }

    private static void report(String label, long[] nanos) {
        System.out.printf(Locale.ROOT, "%s RTT: median %.1f us, p99 %.1f us%n", label,
                percentile(nanos, 50) / 1000.0, percentile(nanos, 99) / 1000.0);
    }

    private static long percentile(long[] nanos, double percent) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(percent / 100 * sorted.length) - 1);
        return sorted[Math.max(0, index)];
    }
}
