package dev.sluice.bench.jmh;

import dev.sluice.bench.sluice.FrozenPeerRig;
import dev.sluice.connection.SluiceConnection;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Keep-alive detection latency against a frozen peer (interval 100 ms, timeout 300 ms): each
 * single shot freezes a fresh connection at a random phase of the ping interval and times until
 * the server declares it dead. JMH's single-shot percentiles are the distribution.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 20)
@Fork(value = 1, jvmArgsAppend = {"-Dio.netty.leakDetection.level=disabled"})
@State(Scope.Benchmark)
public class KeepAliveDetectionBenchmark {
    private FrozenPeerRig rig;
    private SluiceConnection connection;

    @Setup(Level.Trial)
    public void startRig() throws Exception {
        rig = new FrozenPeerRig(FrozenPeerRig.DEFAULT_INTERVAL, FrozenPeerRig.DEFAULT_TIMEOUT);
    }

    @Setup(Level.Iteration)
    public void connectAtRandomPhase() throws Exception {
        connection = rig.connect();
        long interval = FrozenPeerRig.DEFAULT_INTERVAL.toNanos();
        LockSupport.parkNanos(interval + ThreadLocalRandom.current().nextLong(interval));
    }

    @TearDown(Level.Trial)
    public void stopRig() throws InterruptedException {
        rig.close();
    }

    @Benchmark
    public long frozenPeerDetected() throws Exception {
        return rig.freezeAndAwaitDetection(connection);
    }
}
