package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.client.ClientConfig;
import dev.sluice.server.ServerConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad settings are refused when the config is built, with a message naming the setting. */
class ConfigValidationTest {
    @Test
    void defaultsAreTheNamedConstants() {
        ConnectionConfig defaults = ConnectionConfig.defaults();
        assertThat(defaults.keepAliveInterval()).isEqualTo(ConnectionConfig.DEFAULT_KEEP_ALIVE_INTERVAL);
        assertThat(defaults.keepAliveTimeout()).isEqualTo(ConnectionConfig.DEFAULT_KEEP_ALIVE_TIMEOUT);
        assertThat(defaults.maxMessageSize()).isEqualTo(ConnectionConfig.DEFAULT_MAX_MESSAGE_SIZE);
        assertThat(defaults.toBuilder().build().writeBufferHighWaterMark())
                .isEqualTo(ConnectionConfig.DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK);
    }

    @Test
    void aKeepAliveTimeoutNotLongerThanTheIntervalIsRefused() {
        assertThatThrownBy(() -> ConnectionConfig.builder().keepAliveInterval(Duration.ofSeconds(10))
                .keepAliveTimeout(Duration.ofSeconds(10)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keepAliveTimeout (10000 ms) must be longer than keepAliveInterval (10000 ms)");
    }

    @Test
    void negativeDurationsAndNonPositiveSizesAreRefusedByName() {
        assertThatThrownBy(() -> ConnectionConfig.builder().closeTimeout(Duration.ofMillis(-1)))
                .hasMessageStartingWith("closeTimeout must not be negative");
        assertThatThrownBy(() -> ConnectionConfig.builder().writeStallTimeout(Duration.ofMillis(-1)))
                .hasMessageStartingWith("writeStallTimeout must not be negative");
        assertThatThrownBy(() -> ConnectionConfig.builder().maxFrameSize(0)).hasMessage("maxFrameSize must be positive: 0");
        assertThatThrownBy(() -> ConnectionConfig.builder().writeBufferWaterMarks(100, 50))
                .hasMessage("write buffer high water mark 50 is below the low one 100");
    }

    @Test
    void aServerNeedsAnIdentityAndAnApplicationAndSaneLimits() {
        assertThatThrownBy(() -> ServerConfig.builder().applicationHandler(info -> null).build())
                .hasMessageContaining("identity (the server's NodeIdentity) is required");
        assertThatThrownBy(() -> ServerConfig.builder().port(70000)).hasMessage("port must be 0..65535: 70000");
        assertThatThrownBy(() -> ServerConfig.builder().path("sluice")).hasMessage("path must start with '/': sluice");
        assertThatThrownBy(() -> ServerConfig.builder().maxConnections(0)).hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> ServerConfig.builder().upgradeTimeout(Duration.ZERO)).hasMessageContaining("upgradeTimeout");
    }

    @Test
    void aClientNeedsAnApplicationAndAPositiveConnectTimeout() {
        assertThatThrownBy(() -> ClientConfig.builder().build()).hasMessageContaining("applicationHandler is required");
        assertThatThrownBy(() -> ClientConfig.builder().connectTimeout(Duration.ZERO))
                .hasMessageContaining("connectTimeout must be positive");
    }
}
