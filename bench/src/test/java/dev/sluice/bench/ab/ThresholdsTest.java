package dev.sluice.bench.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdsTest {
    @Test
    void aFigureIdOverridesItsMetricWhichOverridesTheDefault() {
        Thresholds t = Thresholds.of(5, Map.of("p99Micros", 20.0, "open-10k.sluice.p99Micros", 30.0));
        assertThat(t.forFigure("open-10k.sluice.p99Micros", "p99Micros")).isEqualTo(0.30);
        assertThat(t.forFigure("echo64-closed.sluice.p99Micros", "p99Micros")).isEqualTo(0.20);
        assertThat(t.forFigure("echo64-closed.sluice.messagesPerSecond", "messagesPerSecond")).isEqualTo(0.05);
    }

    @Test
    void aThresholdOfZeroOrAHundredPercentIsRejected() {
        assertThatThrownBy(() -> Thresholds.of(0, Map.of())).hasMessageContaining("default");
        assertThatThrownBy(() -> Thresholds.of(5, Map.of("p99Micros", 100.0))).hasMessageContaining("p99Micros");
    }

    @Test
    void anOverrideForAFigureNoComparisonHasIsRefusedByName() {
        Thresholds gate = Thresholds.of(5, Map.of("tput-1MiB.sluice.payloadBytesPerSecond", 20.0, "p99Micros", 25.0));
        assertThat(gate.requireKnown(AbMetric.names())).isSameAs(gate);
        assertThatThrownBy(() -> Thresholds.of(5, Map.of("tput-1MB.sluice.payloadBytesPerSecond", 20.0))
                .requireKnown(AbMetric.names()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no metric or figure is called [tput-1MB.sluice.payloadBytesPerSecond]");
    }
}
