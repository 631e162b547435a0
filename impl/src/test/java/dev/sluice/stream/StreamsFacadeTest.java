package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.ApplicationHandlerFactory;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.connection.TestConnections;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The public entry points of the stream layer: its factories, session lookup and graceful stop over connections. */
class StreamsFacadeTest {
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void tearDown() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    private SluiceConnection connection(ChannelHandler application) {
        EmbeddedChannel channel = new EmbeddedChannel(application);
        channels.add(channel);
        return TestConnections.of(channel, LocalMuxPair.TEST_INFO, application);
    }

    private SluiceConnection streamConnection(ApplicationHandlerFactory factory) {
        return connection(factory.create(LocalMuxPair.TEST_INFO));
    }

    @Test
    void aClientOpensOddIdsAndAServerEvenOnes() {
        StreamSession client = Streams.session(streamConnection(Streams.client(StreamConfig.defaults())));
        StreamSession server = Streams.session(streamConnection(Streams.server(StreamConfig.defaults(),
                StreamHandler.CANCEL_ALL)));
        assertThat(client.openStream().id()).isEqualTo(1);
        assertThat(client.openStream().id()).isEqualTo(3);
        assertThat(server.openStream().id()).isEqualTo(2);
        assertThat(client.connectionInfo()).isSameAs(LocalMuxPair.TEST_INFO);
    }

    @Test
    void aClientWithAnInboundHandlerHandsItTheServersStreams() {
        List<SluiceStream> inbound = new ArrayList<>();
        SluiceConnection c = streamConnection(Streams.client(StreamConfig.defaults(), (s, info) -> inbound.add(s)));
        // the server opens stream 2 granting 16 bytes
        ((EmbeddedChannel) c.channel()).writeInbound(
                new BinaryWebSocketFrame(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("010000000200000010"))));
        assertThat(inbound).extracting(SluiceStream::id).containsExactly(2);
    }

    @Test
    void sessionOfAConnectionWithoutTheStreamLayerSaysHowToConfigureIt() {
        SluiceConnection plain = connection(new ChannelInboundHandlerAdapter());
        assertThatThrownBy(() -> Streams.session(plain)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connection " + plain + " does not run the stream layer (its application handler is"
                        + " io.netty.channel.ChannelInboundHandlerAdapter); configure it with Streams.server(...)"
                        + " or Streams.client(...)");
    }

    @Test
    void stopGracefullyIsTrueWhenEverySessionEndedAndSkipsOtherConnections() throws InterruptedException {
        SluiceConnection ended = streamConnection(Streams.client(StreamConfig.defaults()));
        ended.channel().close();
        SluiceConnection plain = connection(new ChannelInboundHandlerAdapter());
        assertThat(Streams.stopGracefully(List.of(ended, plain), Duration.ofSeconds(5))).isTrue();
        assertThat(Streams.stopGracefully(List.of(), Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void stopGracefullyIsFalseWhenAStreamOutlivesTheDeadline() throws InterruptedException {
        SluiceConnection busy = streamConnection(Streams.client(StreamConfig.defaults()));
        StreamSession session = Streams.session(busy);
        session.openStream();
        assertThat(Streams.stopGracefully(List.of(busy), Duration.ofMillis(50))).isFalse();
        assertThatThrownBy(session::openStream).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot open a stream: the session is stopping");
    }

    @Test
    void aMessageLimitBelowTheFrameLimitIsNamedWhenDataFramesDoNotFit() {
        ConnectionConfig smallMessages = ConnectionConfig.builder().maxFrameSize(4000).maxMessageSize(1000).build();
        assertThatThrownBy(() -> Streams.client(StreamConfig.builder().maxDataFrameBytes(996).build())
                .checkFits(smallMessages))
                .hasMessage("StreamConfig.maxDataFrameBytes (996) plus the 5-byte stream frame header exceeds the"
                        + " WebSocket frame limit ConnectionConfig.maxMessageSize (1000); lower the first or raise"
                        + " the second");
        Streams.client(StreamConfig.builder().maxDataFrameBytes(995).build()).checkFits(smallMessages);
    }
}
