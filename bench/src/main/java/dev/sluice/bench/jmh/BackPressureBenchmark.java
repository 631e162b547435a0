package dev.sluice.bench.jmh;

import dev.sluice.bench.sluice.BackPressureResult;
import dev.sluice.bench.sluice.BackPressureRun;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Back-pressure under a slow consumer (see {@link BackPressureRun}). The score is the run's
 * wall time; the figures that matter are printed per run. A peak of outstanding bytes above the
 * receive window plus one frame fails the benchmark.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m", "-Dio.netty.leakDetection.level=disabled"})
public class BackPressureBenchmark {
    @Benchmark
    public BackPressureResult slowConsumer() throws Exception {
        BackPressureResult result = BackPressureRun.run(Duration.ofSeconds(3), BackPressureRun.DEFAULT_TICK_NANOS);
        System.out.println(result);
        if (!result.withinLimit()) {
            throw new IllegalStateException(result.verdict());
        }
        return result;
    }
}
