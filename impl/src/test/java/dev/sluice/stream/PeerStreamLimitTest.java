package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.protocol.StreamProtocol;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Streams the peer opens beyond maxConcurrentStreams are refused, and only accepted ones count against the limit. */
class PeerStreamLimitTest {
    private final List<SluiceStream> accepted = new ArrayList<>();
    private final EmbeddedStreamPeer peer = new EmbeddedStreamPeer(StreamConfig.builder().maxConcurrentStreams(1)
            .receiveWindow(16).build(), (s, info) -> accepted.add(s));
    private static final int REFUSED = StreamProtocol.REFUSED;

    @AfterEach
    void tearDown() {
        peer.close();
    }

    @Test
    void anOpenBeyondTheLimitIsRefusedBothWaysAndNeverHandedOver() {
        peer.credit(1, 10);
        assertThat(peer.frames()).containsExactly("CREDIT 1 16");
        peer.credit(3, 10);
        assertThat(peer.frames()).containsExactly("RESET 3 " + REFUSED, "STOP 3 " + REFUSED);
        assertThat(accepted).extracting(SluiceStream::id).containsExactly(1);
    }

    @Test
    void aClosedRefusedStreamFreesNoPlaceButAClosedAcceptedOneDoes() {
        peer.credit(1, 10);
        peer.credit(3, 10);
        peer.fin(3);
        peer.frames();
        assertThat(peer.mux.openStreamCount()).isEqualTo(1);

        peer.credit(5, 10);
        assertThat(peer.frames()).containsExactly("RESET 5 " + REFUSED, "STOP 5 " + REFUSED);
        peer.fin(5);

        accepted.get(0).close();
        peer.fin(1);
        assertThat(peer.frames()).containsExactly("FIN 1", "STOP 1 0");
        assertThat(peer.mux.openStreamCount()).isZero();

        peer.credit(7, 10);
        assertThat(peer.frames()).containsExactly("CREDIT 7 16");
        assertThat(accepted).extracting(SluiceStream::id).containsExactly(1, 7);
    }

    @Test
    void streamsThisSideOpensDoNotCountAgainstThePeersLimit() {
        SluiceStream own = peer.mux.openStream();
        assertThat(own.id()).isEqualTo(2);
        peer.credit(1, 10);
        assertThat(peer.frames()).containsExactly("CREDIT 2 16", "CREDIT 1 16");
        own.close();
        peer.fin(2);
        peer.credit(3, 10);
        assertThat(peer.frames()).contains("RESET 3 " + REFUSED);
    }

    @Test
    void aDataFrameOnARefusedStreamBreaksFlowControl() {
        peer.credit(1, 10);
        peer.credit(3, 10);
        peer.frames();
        peer.data(3, "x");
        assertThat(peer.frames()).singleElement().asString().startsWith("LocalViolation[code=4007, ");
        assertThat(peer.mux.openStreamCount()).isZero();
    }
}
