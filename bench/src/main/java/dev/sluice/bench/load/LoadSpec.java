package dev.sluice.bench.load;

import java.time.Duration;

/**
 * What one load run does. Closed loop: {@code connections} × {@code inflight} messages always
 * outstanding, a new one sent as each echo returns. Open loop: {@code ratePerSecond} messages
 * spread evenly over the connections at fixed intended send times, whatever the target does.
 * Idle: {@code connections} connections opened and held with no traffic.
 */
public record LoadSpec(Mode mode, int connections, int inflight, double ratePerSecond, int messageBytes,
                       Duration warmup, Duration measure, long serverPid) {
    public static final int DEFAULT_CONNECTIONS = 4;
    public static final int DEFAULT_INFLIGHT = 16;
    public static final int DEFAULT_MESSAGE_BYTES = 64;
    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(3);
    public static final Duration DEFAULT_MEASURE = Duration.ofSeconds(5);
    /** How long to wait for outstanding echoes after the measurement window. */
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
    /** How long all connections together may take to open. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(120);
    /** Upper bound on any single run, whatever it is asked for. */
    public static final Duration MAX_RUN = Duration.ofMinutes(5);

    public enum Mode { CLOSED, OPEN, IDLE }

    public LoadSpec {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1, not " + connections);
        }
        if (mode == Mode.CLOSED && inflight < 1) {
            throw new IllegalArgumentException("closed loop needs at least 1 message in flight, not " + inflight);
        }
        if (mode == Mode.OPEN && !(ratePerSecond > 0)) {
            throw new IllegalArgumentException("open loop needs a positive rate, not " + ratePerSecond);
        }
        if (messageBytes < Payloads.TIMESTAMP_BYTES || messageBytes > Payloads.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("message size must be within " + Payloads.TIMESTAMP_BYTES + ".."
                    + Payloads.MAX_PAYLOAD_BYTES + " bytes, not " + messageBytes);
        }
        if (warmup.isNegative() || measure.isNegative() || warmup.plus(measure).compareTo(MAX_RUN) > 0) {
            throw new IllegalArgumentException("warm-up + measurement must be within 0.." + MAX_RUN.toSeconds()
                    + " s, not " + warmup.plus(measure).toSeconds() + " s");
        }
    }
}
