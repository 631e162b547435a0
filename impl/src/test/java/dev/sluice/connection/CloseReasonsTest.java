package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CloseReasonsTest {
    @Test
    void shortReasonsAreKept() {
        assertThat(CloseReasons.truncate("bye")).isEqualTo("bye");
        assertThat(CloseReasons.truncate(null)).isEmpty();
    }

    @Test
    void longReasonsAreCutToFitAControlFrame() {
        String cut = CloseReasons.truncate("x".repeat(500));
        assertThat(cut).hasSize(123);
    }

    @Test
    void multiByteCharactersAreNeverSplit() {
        String cut = CloseReasons.truncate("\u00e9".repeat(100) + "\uD83D\uDE00".repeat(10));
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
        assertThat(new String(cut.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(cut);
        assertThat(cut).doesNotEndWith("\uD83D");
    }
}
