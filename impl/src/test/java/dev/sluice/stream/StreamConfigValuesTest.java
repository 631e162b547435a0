package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each StreamConfig setting comes back as set, the derived defaults are what their docs say, and bad values are refused. */
class StreamConfigValuesTest {
    @Test
    void everySettingComesBackAsSet() {
        StreamHooks hooks = new StreamHooks() {
        };
        StreamConfig c = StreamConfig.builder().receiveWindow(1000).maxReceiveWindow(5000).windowGrowthBudget(7000)
                .maxUnsentWriteBytes(9000).writeTimeout(Duration.ofMillis(1100)).hooks(hooks).maxConcurrentStreams(13)
                .maxDataFrameBytes(1700).maxBufferedBytesPerConnection(1900).openTimeout(Duration.ofMillis(2300)).build();
        assertThat(c.receiveWindow()).isEqualTo(1000);
        assertThat(c.maxReceiveWindow()).isEqualTo(5000);
        assertThat(c.windowGrowthBudget()).isEqualTo(7000);
        assertThat(c.maxUnsentWriteBytes()).isEqualTo(9000);
        assertThat(c.writeTimeout()).isEqualTo(Duration.ofMillis(1100));
        assertThat(c.hooks()).isSameAs(hooks);
        assertThat(c.maxConcurrentStreams()).isEqualTo(13);
        assertThat(c.maxDataFrameBytes()).isEqualTo(1700);
        assertThat(c.maxBufferedBytesPerConnection()).isEqualTo(1900);
        assertThat(c.openTimeout()).isEqualTo(Duration.ofMillis(2300));
    }

    @Test
    void theDefaultsAreTheNamedConstants() {
        StreamConfig c = StreamConfig.defaults();
        assertThat(c.receiveWindow()).isEqualTo(StreamConfig.DEFAULT_RECEIVE_WINDOW);
        assertThat(c.maxReceiveWindow()).isEqualTo(StreamConfig.DEFAULT_MAX_RECEIVE_WINDOW);
        assertThat(c.windowGrowthBudget()).isEqualTo(StreamConfig.DEFAULT_WINDOW_GROWTH_BUDGET);
        assertThat(c.maxUnsentWriteBytes()).isEqualTo(StreamConfig.DEFAULT_MAX_UNSENT_WRITE_BYTES);
        assertThat(c.writeTimeout()).isEqualTo(StreamConfig.DEFAULT_WRITE_TIMEOUT);
        assertThat(c.hooks()).isSameAs(StreamHooks.NONE);
        assertThat(c.maxConcurrentStreams()).isEqualTo(StreamConfig.DEFAULT_MAX_CONCURRENT_STREAMS);
        assertThat(c.maxDataFrameBytes()).isEqualTo(StreamConfig.DEFAULT_MAX_DATA_FRAME_BYTES);
        assertThat(c.openTimeout()).isEqualTo(StreamConfig.DEFAULT_OPEN_TIMEOUT);
    }

    @Test
    void theConnectionBufferDefaultsToTheWindowTimesTheStreamLimit() {
        StreamConfig c = StreamConfig.builder().receiveWindow(3).maxConcurrentStreams(5).build();
        assertThat(c.maxBufferedBytesPerConnection()).isEqualTo(15);
        assertThat(StreamConfig.builder().receiveWindow(3).maxConcurrentStreams(5).maxBufferedBytesPerConnection(1)
                .build().maxBufferedBytesPerConnection()).isEqualTo(1);
    }

    @Test
    void theLargestWindowIsNeverBelowTheInitialOne() {
        assertThat(StreamConfig.builder().receiveWindow(100).maxReceiveWindow(10).build().maxReceiveWindow())
                .isEqualTo(100);
        assertThat(StreamConfig.builder().receiveWindow(100).maxReceiveWindow(100).build().maxReceiveWindow())
                .isEqualTo(100);
    }

    @Test
    void badValuesAreRefusedByName() {
        assertThat(StreamConfig.builder().windowGrowthBudget(0).build().windowGrowthBudget()).isZero();
        assertThatThrownBy(() -> StreamConfig.builder().windowGrowthBudget(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("windowGrowthBudget must be 0 or more: -1");
        assertThatThrownBy(() -> StreamConfig.builder().receiveWindow(0)).hasMessageContaining("receiveWindow");
        assertThatThrownBy(() -> StreamConfig.builder().maxUnsentWriteBytes(0)).hasMessageContaining("maxUnsentWriteBytes");
        assertThatThrownBy(() -> StreamConfig.builder().writeTimeout(Duration.ZERO)).hasMessageContaining("writeTimeout");
        assertThatThrownBy(() -> StreamConfig.builder().hooks(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("hooks");
    }
}
