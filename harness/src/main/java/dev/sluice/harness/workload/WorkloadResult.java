package dev.sluice.harness.workload;

import java.util.List;

/**
 * What the echo workload proved.
 *
 * @param streams every stream's outcome, by id
 * @param connectionErrors connections that could not be opened, with their errors
 * @param digestsMatch every stream came back complete with the digest of what was sent
 * @param seconds wall time of the run
 */
public record WorkloadResult(List<StreamResult> streams, List<String> connectionErrors, boolean digestsMatch,
        double seconds) {

    public long bytesSent() {
        return streams.stream().mapToLong(StreamResult::bytesSent).sum();
    }

    public long bytesReceived() {
        return streams.stream().mapToLong(StreamResult::bytesReceived).sum();
    }

    public long count(StreamStatus status) {
        return streams.stream().filter(s -> s.status() == status).count();
    }

    /** Streams that did not end as planned (OK, or ABORTED on purpose), plus connections that failed to open. */
    public long errors() {
        return streams.size() - count(StreamStatus.OK) - count(StreamStatus.ABORTED) + connectionErrors.size();
    }

    public boolean success() {
        return errors() == 0 && digestsMatch;
    }
}
