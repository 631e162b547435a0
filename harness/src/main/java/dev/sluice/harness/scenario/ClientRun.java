package dev.sluice.harness.scenario;

import dev.sluice.harness.node.NodeEvent;
import dev.sluice.harness.node.NodeProcess;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** One client node running the workload, and what it reported. */
public final class ClientRun {
    private final NodeProcess node;
    private final long startNanos;

    ClientRun(NodeProcess node) {
        this.node = node;
        this.startNanos = System.nanoTime();
    }

    public NodeProcess node() {
        return node;
    }

    public String name() {
        return node.name();
    }

    public long startNanos() {
        return startNanos;
    }

    /** Waits until the client has had at least {@code bytes} echoed back over all its streams. */
    public NodeEvent awaitReceived(long bytes, Duration timeout) throws TimeoutException, InterruptedException {
        return node.awaitEvent(bytes + " bytes echoed", e -> e.is("progress") && received(e) >= bytes, timeout);
    }

    /** Waits for the client to exit; the exit code, empty when it did not exit in time (it is then killed). */
    public Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        Optional<Integer> exit = node.awaitExit(timeout);
        if (exit.isEmpty()) {
            node.close();
        }
        return exit;
    }

    public Optional<NodeEvent> result() {
        return node.events().stream().filter(e -> e.is("result")).reduce((a, b) -> b);
    }

    public List<NodeEvent> streams() {
        return node.events().stream().filter(e -> e.is("stream")).toList();
    }

    public List<NodeEvent> streamsWithStatus(String status) {
        return streams().stream().filter(e -> status.equals(e.text("status"))).toList();
    }

    public List<NodeEvent> events(String type) {
        return node.events().stream().filter(e -> e.is(type)).toList();
    }

    /** Copies the client's progress samples into the timeline. */
    void recordInto(Timeline timeline) {
        for (NodeEvent event : events("progress")) {
            long[] received = new long[event.json().get("received").size()];
            for (int i = 0; i < received.length; i++) {
                received[i] = event.json().get("received").get(i).asLong();
            }
            timeline.sample(event.nanos(), name(), received);
        }
    }

    static long received(NodeEvent progress) {
        return sum(progress, "received");
    }

    static long sent(NodeEvent progress) {
        return sum(progress, "sent");
    }

    private static long sum(NodeEvent progress, String field) {
        long sum = 0;
        for (var n : progress.json().path(field)) {
            sum += n.asLong();
        }
        return sum;
    }
}
