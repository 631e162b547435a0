package dev.sluice.bench.jmh;

import dev.sluice.bench.control.EchoServerHandle;
import dev.sluice.bench.load.EchoConnection;
import dev.sluice.bench.load.EchoConnector;
import dev.sluice.bench.load.TargetKind;
import dev.sluice.bench.load.Targets;
import java.net.URI;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Echo throughput over real loopback TLS, in one JVM: Sluice (one stream on one connection)
 * against the raw Netty wss echo control in the same run. Each operation is one message echoed,
 * with a fixed number always in flight; msg/s × size = payload bytes per second each way.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xmx1g", "-Dio.netty.leakDetection.level=disabled"})
@State(Scope.Benchmark)
public class EchoThroughputBenchmark {
    private static final long ECHO_TIMEOUT_SECONDS = 30;

    @Param({"sluice", "wss"})
    public String target;

    @Param({"64", "65536", "1048576"})
    public int messageBytes;

    private EchoServerHandle server;
    private EchoConnector connector;
    private EchoConnection connection;
    private final Semaphore echoes = new Semaphore(0);
    private int inflight;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        TargetKind kind = TargetKind.parse(target);
        server = Targets.startServer(kind, 1);
        connector = Targets.connector(kind, URI.create(server.url()), server.connectDetails(), 1);
        connection = connector.connect((c, stamp) -> echoes.release()).get(30, TimeUnit.SECONDS);
        inflight = messageBytes <= 1024 ? 16 : messageBytes <= 65_536 ? 4 : 2;
        for (int i = 0; i < inflight; i++) {
            connection.send(System.nanoTime(), messageBytes);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        echoes.tryAcquire(inflight, ECHO_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        connection.close();
        connector.close();
        server.close();
    }

    @Benchmark
    public void echo() throws InterruptedException {
        if (!echoes.tryAcquire(ECHO_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException(target + ": no echo within " + ECHO_TIMEOUT_SECONDS + " s");
        }
        connection.send(System.nanoTime(), messageBytes);
    }
}
