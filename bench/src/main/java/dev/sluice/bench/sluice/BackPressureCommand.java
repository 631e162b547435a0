package dev.sluice.bench.sluice;

import dev.sluice.bench.proc.JsonLines;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Child process (or by hand): one slow-consumer run; exit 4 when back-pressure was violated. */
@Command(name = "backpressure", description = "Fast producer, slow consumer over loopback TLS; report outstanding bytes.")
public final class BackPressureCommand implements Callable<Integer> {
    public static final int VIOLATION_EXIT = 4;

    @Option(names = "--duration-ms", defaultValue = "4000")
    long durationMillis;

    @Option(names = "--tick-ms", defaultValue = "8", description = "the consumer takes one chunk per tick")
    long tickMillis;

    @Override
    public Integer call() throws Exception {
        BackPressureResult result = BackPressureRun.run(Duration.ofMillis(durationMillis),
                TimeUnit.MILLISECONDS.toNanos(tickMillis));
        @SuppressWarnings("unchecked")
        Map<String, Object> event = JsonLines.MAPPER.convertValue(result, LinkedHashMap.class);
        event.put("event", "backpressure");
        JsonLines.emit(event);
        System.err.println(result.verdict());
        return result.withinLimit() ? 0 : VIOLATION_EXIT;
    }
}
