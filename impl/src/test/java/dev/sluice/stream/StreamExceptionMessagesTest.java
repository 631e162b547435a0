package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.protocol.StreamProtocol;
import org.junit.jupiter.api.Test;

/** What each stream failure says: who ended what, with which code, the reserved codes by name. */
class StreamExceptionMessagesTest {
    @Test
    void aResetByThePeerWithTheRefusedCodeSaysSoAndIsRefused() {
        StreamResetException e = new StreamResetException(3, StreamProtocol.REFUSED, true);
        assertThat(e).hasMessage("stream 3 was reset by the peer with code REFUSED (stream limit reached or the"
                + " session is stopping)");
        assertThat(e.refused()).isTrue();
        assertThat(e.byPeer()).isTrue();
        assertThat(e.streamId()).isEqualTo(3);
        assertThat(e.code()).isEqualTo(StreamProtocol.REFUSED);
    }

    @Test
    void anAbortByThisSideNamesTheHandlerFailure() {
        StreamResetException e = new StreamResetException(5, StreamProtocol.HANDLER_FAILED, false);
        assertThat(e).hasMessage("stream 5: write side aborted by this side with code HANDLER_FAILED (the stream"
                + " handler threw)");
        assertThat(e.refused()).isFalse();
        assertThat(e.byPeer()).isFalse();
    }

    @Test
    void applicationCodesAreUnsigned() {
        assertThat(new StreamStoppedException(7, 0xFFFF_FFFF)).hasMessage(
                "stream 7: the peer stopped reading with code 4294967295");
        assertThat(new StreamCancelledException(9, 42)).hasMessage(
                "stream 9: reading was cancelled by this side with code 42");
        assertThat(new StreamCancelledException(9, 42).refused()).isFalse();
    }
}
