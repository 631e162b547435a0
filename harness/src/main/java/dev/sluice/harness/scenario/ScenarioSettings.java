package dev.sluice.harness.scenario;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How scenarios run: keep-alive settings short enough for CI, timeouts, where output goes, which
 * nodes to start. Every default is named here.
 *
 * @param keepAliveInterval how often nodes ping
 * @param keepAliveTimeout how long without life before a node declares its peer dead
 * @param detectionMargin slack on top of interval + timeout for a loaded two-core machine
 * @param startupTimeout how long a node may take to print its ready line
 * @param clientDeadline how long a workload may run before its open streams count as hung
 * @param outputDirectory where each scenario's node output goes
 * @param nodes how to start server and client
 * @param serverDefect a deliberate server defect to enable (proving the gate catches it), or null
 * @param toxiproxyUrl a real Toxiproxy to use instead of the embedded proxy, or null
 */
public record ScenarioSettings(Duration keepAliveInterval, Duration keepAliveTimeout, Duration detectionMargin,
        Duration startupTimeout, Duration clientDeadline, Path outputDirectory, NodeFactory nodes,
        String serverDefect, String toxiproxyUrl) {

    // Short enough that detection fits a CI budget, long enough that a JVM starved of CPU for a
    // moment on a busy two-core machine is not declared dead.
    public static final Duration DEFAULT_KEEP_ALIVE_INTERVAL = Duration.ofMillis(250);
    public static final Duration DEFAULT_KEEP_ALIVE_TIMEOUT = Duration.ofMillis(1500);
    public static final Duration DEFAULT_DETECTION_MARGIN = Duration.ofMillis(2500);
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CLIENT_DEADLINE = Duration.ofSeconds(30);

    public static ScenarioSettings defaults(Path outputDirectory, NodeFactory nodes) {
        return new ScenarioSettings(DEFAULT_KEEP_ALIVE_INTERVAL, DEFAULT_KEEP_ALIVE_TIMEOUT, DEFAULT_DETECTION_MARGIN,
                DEFAULT_STARTUP_TIMEOUT, DEFAULT_CLIENT_DEADLINE, outputDirectory, nodes, null,
                System.getenv(ChaosEndpoint.URL_ENV));
    }

    /** The time within which a dead peer must be detected: interval + timeout + margin. */
    public Duration detectionBound() {
        return keepAliveInterval.plus(keepAliveTimeout).plus(detectionMargin);
    }

    public ScenarioSettings withServerDefect(String defect) {
        return new ScenarioSettings(keepAliveInterval, keepAliveTimeout, detectionMargin, startupTimeout,
                clientDeadline, outputDirectory, nodes, defect, toxiproxyUrl);
    }

    public ScenarioSettings withOutputDirectory(Path directory) {
        return new ScenarioSettings(keepAliveInterval, keepAliveTimeout, detectionMargin, startupTimeout,
                clientDeadline, directory, nodes, serverDefect, toxiproxyUrl);
    }
}
