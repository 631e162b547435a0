package dev.sluice.harness.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The namespaces, the veth link and the nftables rules, for real; runs only where it can (root, ip, nft). */
class PacketNetworkTest {
    @BeforeEach
    void needsRootIpAndNft() {
        assumeThat(PacketNetwork.unavailable()).as("packet faults cannot run here").isEmpty();
    }

    /** Tries a TCP connection from the client's namespace to a closed port of the server's: true when refused. */
    private static boolean refusedAcrossTheLink(PacketNetwork network) throws IOException {
        String result = network.exec(network.clientNamespace(), List.of("bash", "-c",
                "if timeout 2 bash -c 'echo > /dev/tcp/" + PacketNetwork.SERVER_ADDRESS + "/9' 2>/dev/null;"
                        + " then echo open; elif [ $? -eq 124 ]; then echo silent; else echo refused; fi"), null);
        return result.strip().equals("refused");
    }

    @Test
    void buildsTheLinkDropsWhatTheRulesSayAndLeavesNothingBehind() throws Exception {
        PacketNetwork network = PacketNetwork.create();
        try {
            String namespaces = HostCommand.run(PacketNetwork.tool("ip"), "netns", "list");
            assertThat(namespaces).contains(network.serverNamespace()).contains(network.clientNamespace());
            assertThat(HostCommand.run(PacketNetwork.tool("ip"), "link", "show"))
                    .as("the veth ends live only inside the namespaces").doesNotContain(network.clientDevice());
            assertThat(refusedAcrossTheLink(network)).as("the server's kernel answers with a reset").isTrue();

            PacketFault hole = new PacketFault(100, 0);
            hole.start(network);
            assertThat(refusedAcrossTheLink(network)).as("every packet dropped: no answer").isFalse();
            assertThat(hole.dropped(network)).isPositive();
            hole.heal(network);
            hole.heal(network);
            assertThat(refusedAcrossTheLink(network)).as("healed").isTrue();
            assertThat(network.exec(network.clientNamespace(), List.of(PacketNetwork.tool("nft"), "list", "tables"),
                    null)).doesNotContain("sluice_loss");

            PacketFault duplicates = new PacketFault(0, 100);
            duplicates.start(network);
            assertThat(refusedAcrossTheLink(network)).isTrue();
            assertThat(duplicates.duplicated(network)).isPositive();
            assertThat(network.retransmittedSegments(network.clientNamespace())).isNotNegative();
        } finally {
            network.close();
        }
        String after = HostCommand.run(PacketNetwork.tool("ip"), "netns", "list");
        assertThat(after).doesNotContain(network.serverNamespace()).doesNotContain(network.clientNamespace());
    }

    @Test
    void parallelNetworksGetTheirOwnNames() throws Exception {
        try (PacketNetwork a = PacketNetwork.create(); PacketNetwork b = PacketNetwork.create()) {
            assertThat(a.serverNamespace()).isNotEqualTo(b.serverNamespace());
            assertThat(a.clientDevice()).isNotEqualTo(b.clientDevice());
            assertThat(refusedAcrossTheLink(a)).isTrue();
            assertThat(refusedAcrossTheLink(b)).isTrue();
        }
    }
}
