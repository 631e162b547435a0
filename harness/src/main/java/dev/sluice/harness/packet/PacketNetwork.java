package dev.sluice.harness.packet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two network namespaces, one for the server and one for the client, joined by a veth pair with
 * addresses from 198.18.0.0/15 (set aside for network benchmark tests; here it exists only inside
 * these two namespaces). Nodes run in them through {@code ip netns exec}; packet faults are
 * nftables rules inside them ({@link PacketFault}).
 *
 * <p>Names are unique per harness process and network ({@code sluice-<pid>-<n>-server}), so runs in
 * parallel never collide. {@link #close} deletes both namespaces (their veth ends and nftables
 * rules go with them); a shutdown hook does the same for every network still open when the harness
 * exits, and {@link #create} first removes the namespaces of harness processes that are gone (one
 * killed with SIGKILL could not clean up).
 */
public final class PacketNetwork implements AutoCloseable {
    /** {@code -Dsluice.packetFaults=off} (e.g. in SLUICE_JAVA_OPTS) skips the packet scenarios even as root. */
    public static final String SWITCH_PROPERTY = "sluice.packetFaults";
    public static final String SERVER_ADDRESS = "198.18.0.1";
    public static final String CLIENT_ADDRESS = "198.18.0.2";
    private static final String PREFIX_LENGTH = "/30";
    private static final String NAME_PREFIX = "sluice-";
    private static final Pattern OURS = Pattern.compile("^" + NAME_PREFIX + "(\\d+)-\\d+-(server|client)\\b");
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final Set<PacketNetwork> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(PacketNetwork::close),
                "sluice-packet-network-cleanup"));
    }

    private final String serverNamespace;
    private final String clientNamespace;
    private final String serverDevice;
    private final String clientDevice;

    private PacketNetwork(String serverNamespace, String clientNamespace, String serverDevice, String clientDevice) {
        this.serverNamespace = serverNamespace;
        this.clientNamespace = clientNamespace;
        this.serverDevice = serverDevice;
        this.clientDevice = clientDevice;
    }

    /**
     * Why packet faults cannot run here (no {@code ip} or {@code nft}, or no permission to create
     * network namespaces), or empty when they can.
     */
    public static Optional<String> unavailable() {
        if ("off".equalsIgnoreCase(System.getProperty(SWITCH_PROPERTY, ""))) {
            return Optional.of("packet faults switched off (-D" + SWITCH_PROPERTY + "=off)");
        }
        List<String> missing = new ArrayList<>();
        if (HostCommand.find("ip").isEmpty()) {
            missing.add("ip (Debian package iproute2)");
        }
        if (HostCommand.find("nft").isEmpty()) {
            missing.add("nft (Debian package nftables)");
        }
        if (!missing.isEmpty()) {
            return Optional.of("packet faults need " + String.join(" and ", missing) + "; ci/setup-packet-faults"
                    + " installs them");
        }
        if (!isRoot()) {
            return Optional.of("packet faults need root (network namespaces and nftables rules); run as root, as CI"
                    + " does");
        }
        return Optional.empty();
    }

    /** Whether {@code e} says the kernel refused (no CAP_SYS_ADMIN or CAP_NET_ADMIN), not that a command was wrong. */
    public static boolean deniedPermission(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("Operation not permitted") || message.contains("Permission denied");
    }

    private static boolean isRoot() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    // Real, effective, saved, filesystem: the effective one decides.
                    return "0".equals(line.split("\\s+")[2]);
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Creates the namespaces and the veth pair; on failure removes whatever was created. */
    public static PacketNetwork create() throws IOException {
        removeOrphans();
        long pid = ProcessHandle.current().pid();
        int n = NEXT.incrementAndGet();
        String base = NAME_PREFIX + pid + "-" + n;
        // Interface names have at most 15 characters; they live inside the namespaces only.
        String tag = Long.toString(pid, 36) + Integer.toString(n, 36);
        PacketNetwork network = new PacketNetwork(base + "-server", base + "-client", "vs" + tag, "vc" + tag);
        OPEN.add(network);
        try {
            network.build();
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
        return network;
    }

    private void build() throws IOException {
        String ip = tool("ip");
        HostCommand.run(ip, "netns", "add", serverNamespace);
        HostCommand.run(ip, "netns", "add", clientNamespace);
        // Both ends are created inside their namespaces: nothing appears in the host's namespace.
        HostCommand.run(ip, "link", "add", serverDevice, "netns", serverNamespace, "type", "veth", "peer", "name",
                clientDevice, "netns", clientNamespace);
        HostCommand.run(ip, "-n", serverNamespace, "addr", "add", SERVER_ADDRESS + PREFIX_LENGTH, "dev", serverDevice);
        HostCommand.run(ip, "-n", clientNamespace, "addr", "add", CLIENT_ADDRESS + PREFIX_LENGTH, "dev", clientDevice);
        for (String[] end : new String[][] {{serverNamespace, serverDevice}, {clientNamespace, clientDevice}}) {
            HostCommand.run(ip, "-n", end[0], "link", "set", "lo", "up");
            // One segment per packet: otherwise TCP hands veth 64 KiB GSO bursts, a rule would drop
            // dozens of segments at once, and "5% loss" would mean 5% of bursts.
            HostCommand.run(ip, "-n", end[0], "link", "set", end[1], "gso_max_segs", "1");
            HostCommand.run(ip, "-n", end[0], "link", "set", end[1], "up");
        }
    }

    static String tool(String name) throws IOException {
        return HostCommand.find(name).orElseThrow(() -> new IOException(name + " is not installed")).toString();
    }

    public String serverNamespace() {
        return serverNamespace;
    }

    public String clientNamespace() {
        return clientNamespace;
    }

    String serverDevice() {
        return serverDevice;
    }

    String clientDevice() {
        return clientDevice;
    }

    /** The command prefix that starts a node inside the server's namespace. */
    public List<String> serverLauncher() {
        return launcher(serverNamespace);
    }

    /** The command prefix that starts a node inside the client's namespace. */
    public List<String> clientLauncher() {
        return launcher(clientNamespace);
    }

    private static List<String> launcher(String namespace) {
        // ip netns exec execs the command: the node keeps its pid, so signals and process faults reach it.
        return List.of(HostCommand.find("ip").map(Object::toString).orElse("ip"), "netns", "exec", namespace);
    }

    /** Runs a command inside a namespace, e.g. {@code nft -f -}; its output. */
    String exec(String namespace, List<String> command, String input) throws IOException {
        List<String> full = new ArrayList<>(launcher(namespace));
        full.addAll(command);
        return HostCommand.run(full, input);
    }

    /** TCP segments retransmitted so far in a namespace (RetransSegs of its /proc/net/snmp). */
    public long retransmittedSegments(String namespace) throws IOException {
        String[] lines = exec(namespace, List.of("cat", "/proc/net/snmp"), null).split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].startsWith("Tcp:") && lines[i + 1].startsWith("Tcp:")) {
                List<String> names = List.of(lines[i].trim().split("\\s+"));
                String[] values = lines[i + 1].trim().split("\\s+");
                int column = names.indexOf("RetransSegs");
                if (column > 0 && column < values.length) {
                    return Long.parseLong(values[column]);
                }
            }
        }
        throw new IOException("no Tcp RetransSegs in /proc/net/snmp of " + namespace);
    }

    /** Deletes both namespaces, with their veth ends and rules; safe to call again. */
    @Override
    public void close() {
        if (!OPEN.remove(this)) {
            return;
        }
        for (String namespace : List.of(clientNamespace, serverNamespace)) {
            deleteNamespace(namespace);
        }
    }

    private static void deleteNamespace(String namespace) {
        try {
            HostCommand.run(tool("ip"), "netns", "delete", namespace);
        } catch (IOException e) {
            // Already gone (or never made); nothing else holds it.
        }
    }

    /** Removes namespaces left by harness processes that no longer run. */
    private static void removeOrphans() {
        String list;
        try {
            list = HostCommand.run(tool("ip"), "netns", "list");
        } catch (IOException e) {
            return;
        }
        for (String line : list.split("\n")) {
            Matcher m = OURS.matcher(line.trim());
            if (m.find() && ProcessHandle.of(Long.parseLong(m.group(1))).map(p -> !p.isAlive()).orElse(true)) {
                deleteNamespace(line.trim().split("\\s+")[0]);
            }
        }
    }

    @Override
    public String toString() {
        return serverNamespace + " <-> " + clientNamespace;
    }
}
