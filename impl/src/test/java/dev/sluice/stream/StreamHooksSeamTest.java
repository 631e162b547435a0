package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each fault-injection hook does what it promises a harness, and only that. */
class StreamHooksSeamTest {
    private EmbeddedStreamPeer peer;

    @AfterEach
    void tearDown() {
        peer.close();
    }

    private SluiceStream open(StreamHooks hooks, int window) {
        peer = new EmbeddedStreamPeer(StreamConfig.builder().hooks(hooks).build());
        return peer.open(1, window);
    }

    private static ByteBuf ascii(String s) {
        return io.netty.buffer.Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    @Test
    void outboundDataMaySeeAndChangeEachPayload() {
        SluiceStream s = open(new StreamHooks() {
            @Override
            public void outboundData(int streamId, ByteBuf payload) {
                payload.setByte(payload.readerIndex(), 'X');
            }
        }, 100);
        s.write(ascii("abc"));
        assertThat(peer.frames()).containsExactly("DATA 1 Xbc");
    }

    @Test
    void sendFinFalseSkipsTheFinButTheWriteSideStillFinishes() {
        SluiceStream s = open(new StreamHooks() {
            @Override
            public boolean sendFin(int streamId) {
                return false;
            }
        }, 100);
        assertThat(s.closeWrite().toCompletableFuture()).isCompleted();
        assertThat(peer.frames()).isEmpty();
    }

    @Test
    void ignoreCreditSendsBeyondTheWindow() {
        SluiceStream s = open(new StreamHooks() {
            @Override
            public boolean ignoreCredit() {
                return true;
            }
        }, 1);
        s.write(ascii("abc"));
        assertThat(peer.frames()).containsExactly("DATA 1 abc");
    }

    @Test
    void dropInboundDataDropsThePayloadUnseen() {
        SluiceStream s = open(new StreamHooks() {
            @Override
            public boolean dropInboundData(int streamId, ByteBuf payload) {
                return payload.getByte(payload.readerIndex()) == 'd';
            }
        }, 100);
        RecordingReader reader = new RecordingReader();
        s.byteBufReads().subscribe(reader);
        reader.subscription.request(10);
        peer.data(1, "drop");
        peer.data(1, "keep");
        assertThat(reader.signals).containsExactly("keep");
    }

    @Test
    void endReaderOnResetFalseForgetsTheStreamAndLeavesItsReaderWaiting() {
        SluiceStream s = open(new StreamHooks() {
            @Override
            public boolean endReaderOnReset(int streamId) {
                return false;
            }
        }, 100);
        RecordingReader reader = new RecordingReader();
        s.byteBufReads().subscribe(reader);
        peer.reset(1, 5);
        assertThat(reader.signals).isEmpty();
        assertThat(peer.mux.openStreamCount()).isZero();
    }

    @Test
    void theDefaultHooksChangeNothing() {
        SluiceStream s = open(StreamHooks.NONE, 2);
        s.write(ascii("abc"));
        s.closeWrite();
        assertThat(peer.frames()).containsExactly("DATA 1 ab");
        peer.credit(1, 1);
        assertThat(peer.frames()).containsExactly("DATA 1 c", "FIN 1");
    }
}
