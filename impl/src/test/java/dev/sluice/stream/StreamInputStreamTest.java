package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The blocking reader over frames a peer may legally send (PROTOCOL.md: DATA carries 0..n bytes). */
class StreamInputStreamTest {
    private final CompletableFuture<SluiceStream> accepted = new CompletableFuture<>();
    private final StreamMultiplexer server = new StreamMultiplexer(StreamConfig.builder().receiveWindow(16).build(),
            false, LocalMuxPair.TEST_INFO, (s, info) -> accepted.complete(s));
    private final EmbeddedChannel channel = new EmbeddedChannel(server);

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    @Test
    void emptyDataFramesAreNeitherAPhantomZeroByteNorAZeroLengthRead() throws Exception {
        send("010000000100000010");
        send("0000000001");
        send("00000000016869");
        send("0000000001");
        send("0200000001");
        InputStream in = accepted.get(1, TimeUnit.SECONDS).inputStream();

        assertThat(in.read()).isEqualTo('h');
        byte[] rest = new byte[8];
        assertThat(in.read(rest, 0, rest.length)).isEqualTo(1);
        assertThat(rest[0]).isEqualTo((byte) 'i');
        assertThat(in.read(rest, 0, rest.length)).isEqualTo(-1);
    }

    private void send(String hex) {
        channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex))));
        channel.runPendingTasks();
    }
}
