package dev.sluice.cli;

import dev.sluice.client.ClientConfig;
import dev.sluice.client.SluiceClient;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.harness.client.SluiceEchoTransport;
import dev.sluice.harness.workload.EchoWorkload;
import dev.sluice.harness.workload.EventSink;
import dev.sluice.harness.workload.WorkloadConfig;
import dev.sluice.harness.workload.WorkloadResult;
import dev.sluice.identity.NodeId;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./sluice client}: the reference workload against an echoing server. */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = {"Opens N streams, writes B bytes of seeded, self-checking data on each, half-closes,",
            "verifies the echo, prints one JSON line per event and a final result line, and exits",
            "non-zero when any stream failed."})
public final class ClientCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", required = true, description = "Server port.")
    int port;

    @Option(names = "--node-id", required = true, description = "The NodeId the server must prove.")
    String nodeId;

    @Option(names = "--streams", defaultValue = "16", description = "Streams to open (default: ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--bytes", defaultValue = "262144", description = "Bytes per stream (default: ${DEFAULT-VALUE}).")
    long bytes;

    @Option(names = "--connections", defaultValue = "1",
            description = "Connections to spread the streams over (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--deadline-ms", defaultValue = "120000",
            description = "Streams unfinished after this long count as hung (default: ${DEFAULT-VALUE}).")
    long deadlineMillis;

    @Option(names = "--connect-timeout-ms", defaultValue = "10000",
            description = "TCP + TLS + upgrade (default: ${DEFAULT-VALUE}).")
    long connectTimeoutMillis;

    @Option(names = "--keepalive-interval", paramLabel = "MS", description = "Ping interval in ms (default: the"
            + " transport's).")
    Long keepAliveIntervalMillis;

    @Option(names = "--keepalive-timeout", paramLabel = "MS",
            description = "ms without any frame before the connection fails (default: the transport's).")
    Long keepAliveTimeoutMillis;

    @Option(names = "--pause-ms", defaultValue = "0",
            description = "Each writer pauses this long halfway through its stream (default: ${DEFAULT-VALUE}).")
    long pauseMillis;

    @Option(names = "--read-delay-ms", defaultValue = "0",
            description = "Readers wait this long after each read: a slow consumer (default: ${DEFAULT-VALUE}).")
    long readDelayMillis;

    @Option(names = "--abort-every", defaultValue = "0",
            description = "Abort every K-th stream halfway on purpose, both directions (default: none).")
    int abortEvery;

    @Override
    public Integer call() throws Exception {
        NodeId expected;
        WorkloadConfig workload;
        ConnectionConfig connection;
        try {
            expected = NodeId.parse(nodeId);
            workload = WorkloadConfig.builder().streams(streams).bytesPerStream(bytes).connections(connections)
                    .seed(seed).deadline(Duration.ofMillis(deadlineMillis))
                    .midStreamPause(Duration.ofMillis(pauseMillis)).readDelay(Duration.ofMillis(readDelayMillis))
                    .abortEvery(abortEvery).build();
            ConnectionConfig.Builder builder = ConnectionConfig.builder();
            if (keepAliveIntervalMillis != null) {
                builder.keepAliveInterval(Duration.ofMillis(keepAliveIntervalMillis));
            }
            if (keepAliveTimeoutMillis != null) {
                builder.keepAliveTimeout(Duration.ofMillis(keepAliveTimeoutMillis));
            }
            connection = builder.build();
        } catch (IllegalArgumentException e) {
            System.err.println("sluice client: " + e.getMessage());
            return 2;
        }
        EventSink sink = EventSink.jsonLines(System.out);
        ClientConfig config = ClientConfig.builder().connection(connection)
                .connectTimeout(Duration.ofMillis(connectTimeoutMillis))
                .streams()
                .build();
        WorkloadResult result;
        try (SluiceClient client = SluiceClient.create(config)) {
            SluiceEchoTransport transport = new SluiceEchoTransport(client, host, port, expected,
                    Duration.ofMillis(connectTimeoutMillis), sink);
            result = new EchoWorkload(workload, sink).run(transport);
        }
        if (!result.connectionErrors().isEmpty()) {
            System.err.println("sluice client: " + result.connectionErrors().get(0));
        }
        return result.success() ? 0 : 1;
    }
}
