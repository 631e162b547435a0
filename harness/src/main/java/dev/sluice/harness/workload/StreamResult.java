package dev.sluice.harness.workload;

/**
 * The outcome of one workload stream.
 *
 * @param id the stream's index in the workload (0-based)
 * @param status how it ended
 * @param bytesSent bytes written and accepted by the transport
 * @param bytesReceived bytes read back
 * @param error the error the application saw, or the violation found; null when OK
 * @param violation the verifier's finding, or null
 * @param millis when it ended, in milliseconds since the workload started
 */
public record StreamResult(int id, StreamStatus status, long bytesSent, long bytesReceived, String error,
        Violation violation, long millis) {
}
