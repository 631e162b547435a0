package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.client.ClientConfig;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.identity.NodeIdentity;
import dev.sluice.server.ServerConfig;
import org.junit.jupiter.api.Test;

/** A data frame limit the WebSocket limits cannot carry is refused when the config is built, naming both. */
class StreamConfigFitTest {
    private static final ConnectionConfig SMALL_FRAMES = ConnectionConfig.builder().maxFrameSize(64 * 1024).build();
    private static final StreamConfig LARGE_DATA = StreamConfig.builder().maxDataFrameBytes(64 * 1024).build();

    @Test
    void aServerWhoseDataFramesExceedTheFrameLimitIsRefused() {
        assertThatThrownBy(() -> ServerConfig.builder().identity(NodeIdentity.generate()).connection(SMALL_FRAMES)
                .streamHandler(EchoHandler.INSTANCE, LARGE_DATA).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("StreamConfig.maxDataFrameBytes (65536) plus the 5-byte stream frame header exceeds the"
                        + " WebSocket frame limit ConnectionConfig.maxFrameSize (65536); lower the first or raise the second");
    }

    @Test
    void aClientWhoseDataFramesExceedTheMessageLimitIsRefused() {
        ConnectionConfig smallMessages = ConnectionConfig.builder().maxMessageSize(1000).maxFrameSize(1000).build();
        assertThatThrownBy(() -> ClientConfig.builder().connection(smallMessages)
                .streams(StreamConfig.builder().maxDataFrameBytes(996).build()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("StreamConfig.maxDataFrameBytes (996)")
                .hasMessageContaining("ConnectionConfig.maxFrameSize (1000)");
    }

    @Test
    void theDefaultsFitAndAFrameThatJustFitsIsAccepted() {
        assertThat(ClientConfig.builder().streams().build()).isNotNull();
        assertThat(ClientConfig.builder().connection(SMALL_FRAMES)
                .streams(StreamConfig.builder().maxDataFrameBytes(64 * 1024 - 5).build()).build()).isNotNull();
        assertThat(StreamConfig.DEFAULT_MAX_DATA_FRAME_BYTES + 5).isLessThanOrEqualTo(ConnectionConfig.DEFAULT_MAX_FRAME_SIZE);
    }
}
