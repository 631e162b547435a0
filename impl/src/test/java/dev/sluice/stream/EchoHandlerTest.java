package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The echo handler reads one buffer at a time, only as fast as its echo is accepted, and mirrors FIN and RESET. */
class EchoHandlerTest {
    private final EmbeddedStreamPeer peer = new EmbeddedStreamPeer(StreamConfig.builder().receiveWindow(4)
            .maxReceiveWindow(4).build(), EchoHandler.INSTANCE);

    @AfterEach
    void tearDown() {
        peer.close();
    }

    @Test
    void echoesEachBufferAndItsFin() {
        peer.open(1, 100);
        peer.data(1, "ab");
        assertThat(peer.frames()).containsExactly("CREDIT 1 2", "DATA 1 ab");
        peer.data(1, "cd");
        peer.fin(1);
        assertThat(peer.frames()).containsExactly("CREDIT 1 2", "DATA 1 cd", "FIN 1");
        assertThat(peer.mux.openStreamCount()).isZero();
    }

    @Test
    void readsNoFurtherWhileItsEchoWaitsForCredit() {
        peer.open(1, 1);
        peer.data(1, "ab");
        assertThat(peer.frames()).containsExactly("CREDIT 1 2", "DATA 1 a");
        peer.data(1, "cd");
        assertThat(peer.frames()).isEmpty(); // not read: no echo, no credit back
        peer.credit(1, 1);
        // the echo of "ab" is done: "cd" is read (credit back) and waits for credit in turn
        assertThat(peer.frames()).containsExactly("DATA 1 b", "CREDIT 1 2");
        peer.credit(1, 2);
        assertThat(peer.frames()).containsExactly("DATA 1 cd");
    }

    @Test
    void aResetIsMirroredWithItsCode() {
        peer.open(1, 100);
        peer.reset(1, 9);
        assertThat(peer.frames()).containsExactly("RESET 1 9");
        assertThat(peer.mux.openStreamCount()).isZero();
    }

    @Test
    void anEchoThatFailsStopsReading() {
        peer.open(1, 1);
        peer.data(1, "ab");
        peer.frames();
        peer.stop(1, 4);
        // the failed echo cancels reading while the write side is being aborted
        assertThat(peer.frames()).containsExactly("STOP 1 0", "RESET 1 4");
    }
}
