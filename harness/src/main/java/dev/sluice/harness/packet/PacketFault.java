package dev.sluice.harness.packet;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Random packet loss and duplication on the veth link between the two namespaces, as nftables
 * rules ({@code numgen random mod 100 < N}). Loss drops packets both ways in the client's
 * namespace (output and input hooks); duplication sends a second copy of a packet out of each
 * side's veth end (netdev egress hook, {@code dup to}), so both peers receive duplicates. Healing
 * deletes the tables; deleting the namespaces would remove them too.
 */
public final class PacketFault {
    private static final String LOSS_TABLE = "sluice_loss";
    private static final String DUP_TABLE = "sluice_dup";
    private static final Pattern COUNTER = Pattern.compile("counter packets (\\d+)");

    private final int lossPercent;
    private final int duplicatePercent;
    private boolean applied;

    /** @param lossPercent packets dropped, each way, in percent; @param duplicatePercent packets sent twice */
    public PacketFault(int lossPercent, int duplicatePercent) {
        if (lossPercent < 0 || lossPercent > 100 || duplicatePercent < 0 || duplicatePercent > 100) {
            throw new IllegalArgumentException("percentages must be 0..100, got loss " + lossPercent + ", duplication "
                    + duplicatePercent);
        }
        this.lossPercent = lossPercent;
        this.duplicatePercent = duplicatePercent;
    }

    public String describe() {
        String loss = lossPercent == 100 ? "every packet dropped (black hole)" : lossPercent + "% packet loss";
        return (lossPercent > 0 ? loss : "") + (lossPercent > 0 && duplicatePercent > 0 ? ", " : "")
                + (duplicatePercent > 0 ? duplicatePercent + "% packets duplicated" : "") + " both ways (nftables)";
    }

    public void start(PacketNetwork network) throws IOException {
        applied = true;
        if (lossPercent > 0) {
            network.exec(network.clientNamespace(), List.of(PacketNetwork.tool("nft"), "-f", "-"), String.format(
                    Locale.ROOT, """
                    table inet %1$s {
                      chain outbound {
                        type filter hook output priority 0; policy accept;
                        oifname "%2$s" %3$scounter drop
                      }
                      chain inbound {
                        type filter hook input priority 0; policy accept;
                        iifname "%2$s" %3$scounter drop
                      }
                    }
                    """, LOSS_TABLE, network.clientDevice(), chance(lossPercent)));
        }
        if (duplicatePercent > 0) {
            for (String[] end : ends(network)) {
                network.exec(end[0], List.of(PacketNetwork.tool("nft"), "-f", "-"), String.format(Locale.ROOT, """
                        table netdev %1$s {
                          chain egress {
                            type filter hook egress device "%2$s" priority 0; policy accept;
                            %3$scounter dup to "%2$s"
                          }
                        }
                        """, DUP_TABLE, end[1], chance(duplicatePercent)));
            }
        }
    }

    /** The match that picks {@code percent}% of packets at random; nothing (every packet) at 100. */
    private static String chance(int percent) {
        return percent >= 100 ? "" : "numgen random mod 100 < " + percent + " ";
    }

    /** Packets the loss rules dropped so far, both ways. */
    public long dropped(PacketNetwork network) throws IOException {
        return lossPercent == 0 || !applied ? 0 : counted(network, network.clientNamespace(), "inet", LOSS_TABLE);
    }

    /** Packets the duplication rules copied so far, both ways. */
    public long duplicated(PacketNetwork network) throws IOException {
        if (duplicatePercent == 0 || !applied) {
            return 0;
        }
        long sum = 0;
        for (String[] end : ends(network)) {
            sum += counted(network, end[0], "netdev", DUP_TABLE);
        }
        return sum;
    }

    /** Removes the rules; does nothing when they are not there. */
    public void heal(PacketNetwork network) throws IOException {
        if (!applied) {
            return;
        }
        applied = false;
        IOException first = null;
        if (lossPercent > 0) {
            first = delete(network, network.clientNamespace(), "inet", LOSS_TABLE, first);
        }
        if (duplicatePercent > 0) {
            for (String[] end : ends(network)) {
                first = delete(network, end[0], "netdev", DUP_TABLE, first);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static String[][] ends(PacketNetwork network) {
        return new String[][] {{network.serverNamespace(), network.serverDevice()},
            {network.clientNamespace(), network.clientDevice()}};
    }

    private static long counted(PacketNetwork network, String namespace, String family, String table)
            throws IOException {
        String listing = network.exec(namespace, List.of(PacketNetwork.tool("nft"), "list", "table", family, table),
                null);
        long sum = 0;
        Matcher m = COUNTER.matcher(listing);
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    private static IOException delete(PacketNetwork network, String namespace, String family, String table,
            IOException first) {
        try {
            network.exec(namespace, List.of(PacketNetwork.tool("nft"), "delete", "table", family, table), null);
            return first;
        } catch (IOException e) {
            return first != null ? first : e;
        }
    }
}
