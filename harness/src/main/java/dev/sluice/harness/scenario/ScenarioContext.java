package dev.sluice.harness.scenario;

import dev.sluice.harness.node.Deadline;
import dev.sluice.harness.node.NodeEvent;
import dev.sluice.harness.node.NodeProcess;
import dev.sluice.harness.packet.PacketNetwork;
import eu.rekawek.toxiproxy.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeoutException;

/**
 * Everything a scenario body works with: the running server, the proxy in front of it, the
 * nemesis, a seeded random, and the place to record checks and figures. Used by one thread.
 */
public final class ScenarioContext {
    private final String name;
    private final long seed;
    private final SplittableRandom random;
    private final ScenarioSettings settings;
    private final Path directory;
    private final Timeline timeline;
    private final NodeProcess server;
    private final String nodeId;
    private final Proxy proxy;
    private final int serverPort;
    private final PacketNetwork network;
    private final Nemesis nemesis;
    private final List<Check> checks = new ArrayList<>();
    private final Map<String, Long> figures = new LinkedHashMap<>();
    private final List<ClientRun> clients = new ArrayList<>();
    private int statsAsked;

    ScenarioContext(String name, long seed, ScenarioSettings settings, Path directory, Timeline timeline,
            NodeProcess server, String nodeId, Proxy proxy, int serverPort, PacketNetwork network) {
        this.name = name;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.settings = settings;
        this.directory = directory;
        this.timeline = timeline;
        this.server = server;
        this.nodeId = nodeId;
        this.proxy = proxy;
        this.serverPort = serverPort;
        this.network = network;
        this.nemesis = new Nemesis(() -> new FaultTargets(proxy, server, this::currentClient, network), timeline);
    }

    public String name() {
        return name;
    }

    public SplittableRandom random() {
        return random;
    }

    public ScenarioSettings settings() {
        return settings;
    }

    public Timeline timeline() {
        return timeline;
    }

    public NodeProcess server() {
        return server;
    }

    public String nodeId() {
        return nodeId;
    }

    /** The fault proxy in front of the server; null when the nodes run in network namespaces. */
    public Proxy proxy() {
        return proxy;
    }

    /** The namespaces the nodes run in, or null on loopback. */
    public PacketNetwork network() {
        return network;
    }

    /** Where clients connect: the proxy on loopback, or the server itself across the veth link. */
    public int connectPort() {
        return proxy != null ? ChaosEndpoint.listenPort(proxy) : serverPort;
    }

    private String connectHost() {
        return network != null ? PacketNetwork.SERVER_ADDRESS : NodeFactory.LOOPBACK;
    }

    public Nemesis nemesis() {
        return nemesis;
    }

    /** Starts a client through the proxy, with the workload's seed drawn from the scenario's seed. */
    public ClientRun startClient(int streams, long bytes, int connections, String... extra) throws Exception {
        return startClient(nodeId, streams, bytes, connections, extra);
    }

    public ClientRun startClient(String expectedNodeId, int streams, long bytes, int connections, String... extra)
            throws Exception {
        String clientName = "client-" + (clients.size() + 1);
        NodeFactory.ClientArgs args = new NodeFactory.ClientArgs(connectHost(), connectPort(), expectedNodeId, streams,
                bytes, connections, random.nextLong(), List.of(extra));
        var spec = settings.nodes().client(clientName, directory, settings, args);
        ClientRun run = new ClientRun(NodeProcess.start(network == null ? spec
                : spec.withLauncher(network.clientLauncher())));
        clients.add(run);
        timeline.mark(Timeline.Kind.NOTE, clientName + " started");
        return run;
    }

    /**
     * Starts a client node running another workload ({@code ./sluice ARGUMENTS...}, e.g. {@code rpc-load}),
     * tracked like the echo clients: its output lands in the scenario's directory and process faults reach it.
     */
    public ClientRun startWorkload(List<String> arguments) throws Exception {
        String clientName = "client-" + (clients.size() + 1);
        ClientRun run = new ClientRun(NodeProcess.start(
                dev.sluice.harness.node.NodeSpec.builder(clientName).outputDirectory(directory).arguments(arguments).build()));
        clients.add(run);
        timeline.mark(Timeline.Kind.NOTE, clientName + " started");
        return run;
    }

    /** Runs a client to its end; a client still running after the deadline is killed and reported hung. */
    public ClientRun runClient(int streams, long bytes, int connections, String... extra) throws Exception {
        ClientRun run = startClient(streams, bytes, connections, extra);
        finish(run);
        return run;
    }

    /** Waits for a client to exit within the client deadline (plus a little for its own reporting). */
    public int finish(ClientRun run) throws InterruptedException {
        Duration wait = settings.clientDeadline().plus(settings.startupTimeout());
        var exit = run.awaitExit(wait);
        check(run.name() + " ends by itself", exit.isPresent(),
                exit.map(code -> "exit " + code).orElse("still running after " + wait.toSeconds() + " s: killed"));
        timeline.mark(Timeline.Kind.NOTE, run.name() + " exited " + exit.map(String::valueOf).orElse("(killed)"));
        return exit.orElse(-1);
    }

    private NodeProcess currentClient() {
        if (clients.isEmpty()) {
            throw new IllegalStateException("no client is running in scenario " + name);
        }
        return clients.get(clients.size() - 1).node();
    }

    public List<ClientRun> clients() {
        return List.copyOf(clients);
    }

    /** The server's open connections and streams, as it reports them on the {@code stats} command. */
    public NodeEvent serverStats() throws TimeoutException, InterruptedException {
        int skip = server.events().size();
        statsAsked++;
        server.command("stats");
        return server.awaitEventAfter(skip, "stats reply " + statsAsked, e -> e.is("stats"), settings.startupTimeout());
    }

    /**
     * Polls the server until it holds no connection and no stream; records the time it took from
     * {@code sinceNanos} as a figure and checks it against {@code bound}.
     */
    public void expectServerReleased(String figure, long sinceNanos, Duration bound) throws InterruptedException {
        Deadline deadline = Deadline.after(bound.plus(settings.detectionMargin()));
        NodeEvent stats = null;
        try {
            while (true) {
                stats = serverStats();
                if (stats.number("connections") == 0 && stats.number("streams") == 0) {
                    break;
                }
                if (deadline.passed()) {
                    break;
                }
                Thread.sleep(Deadline.POLL_INTERVAL.toMillis() * 5);
            }
        } catch (TimeoutException e) {
            check("server answers stats", false, e.getMessage());
            return;
        }
        long millis = (stats.nanos() - sinceNanos) / 1_000_000;
        boolean released = stats.number("connections") == 0 && stats.number("streams") == 0;
        if (released) {
            figure(figure, millis);
            timeline.markAt(stats.nanos(), Timeline.Kind.DETECTION, "server released everything");
        }
        check("server holds no connection or stream within " + bound.toMillis() + " ms",
                released && millis <= bound.toMillis(),
                "connections=" + stats.number("connections") + " streams=" + stats.number("streams") + " after "
                        + millis + " ms");
    }

    public void check(String what, boolean passed, String detail) {
        checks.add(new Check(what, passed, detail));
    }

    public void figure(String what, long value) {
        figures.put(what, value);
    }

    List<Check> checks() {
        return List.copyOf(checks);
    }

    Map<String, Long> figures() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    long seed() {
        return seed;
    }
}
