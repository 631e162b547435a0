package dev.sluice.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.bench.proc.JsonLines;
import java.util.List;
import org.junit.jupiter.api.Test;

class FigureBuilderTest {
    private static JsonNode run(String target, int round, double messagesPerSecond) {
        ObjectNode run = JsonLines.MAPPER.createObjectNode();
        run.put("scenario", "echo64-closed");
        run.put("target", target);
        run.put("round", round);
        run.put("connections", 4);
        run.put("messagesPerSecond", messagesPerSecond);
        run.put("serverCpuNanosPerMessage", -1.0);
        return run;
    }

    private static Figure find(List<Figure> figures, String id) {
        return figures.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void ratiosPairEachRoundWithTheControlOfTheSameRound() {
        List<Figure> figures = FigureBuilder.build(List.of(
                run("sluice", 1, 90), run("wss", 1, 100),
                run("sluice", 2, 40), run("wss", 2, 50)));

        Figure sluice = find(figures, "echo64-closed.sluice.messagesPerSecond");
        assertThat(sluice.control()).isEqualTo("wss");
        assertThat(sluice.ratios()).containsExactly(0.9, 0.8);
        assertThat(sluice.ratioMedian()).isCloseTo(0.85, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(sluice.ratioNoise()).isCloseTo(0.05 / 0.85, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(sluice.goal()).isEqualTo(">= 0.9x");
        assertThat(sluice.goalMet()).isFalse();
    }

    @Test
    void roundsMissingOnOneSideAreLeftOutOfTheRatios() {
        List<Figure> figures = FigureBuilder.build(List.of(
                run("sluice", 1, 95), run("wss", 1, 100), run("sluice", 2, 10)));

        Figure sluice = find(figures, "echo64-closed.sluice.messagesPerSecond");
        assertThat(sluice.values()).containsExactly(95.0, 10.0);
        assertThat(sluice.ratios()).containsExactly(0.95);
        assertThat(sluice.goalMet()).isTrue();
    }

    @Test
    void unknownReadingsProduceNoFigure() {
        List<Figure> figures = FigureBuilder.build(List.of(run("wss", 1, 100)));

        assertThat(figures).extracting(Figure::metric).doesNotContain("serverCpuNanosPerMessage");
        assertThat(find(figures, "echo64-closed.wss.messagesPerSecond").control()).isNull();
    }
}
