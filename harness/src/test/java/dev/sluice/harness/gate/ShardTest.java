package dev.sluice.harness.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ShardTest {
    private static List<GateCase> matrix(int scenarios, int seeds) {
        List<GateCase> matrix = new ArrayList<>();
        for (int round = 0; round < seeds; round++) {
            for (int i = 0; i < scenarios; i++) {
                matrix.add(new GateCase("scenario_" + (char) ('a' + i), round, Gate.scenarioSeed(1, round, i)));
            }
        }
        return matrix;
    }

    @Test
    void theShardsPartitionTheMatrixEvenly() {
        List<GateCase> matrix = matrix(17, 3);
        for (int count : new int[] {1, 2, 4, 5, 7, 51, 60}) {
            Set<GateCase> union = new HashSet<>();
            int total = 0;
            for (int k = 1; k <= count; k++) {
                List<GateCase> mine = new Shard(k, count).select(matrix);
                assertThat(mine.size()).as("shard %d/%d", k, count)
                        .isBetween(matrix.size() / count, (matrix.size() + count - 1) / count);
                union.addAll(mine);
                total += mine.size();
            }
            assertThat(total).as("no case in two shards of %d", count).isEqualTo(matrix.size());
            assertThat(union).containsExactlyInAnyOrderElementsOf(matrix);
        }
    }

    @Test
    void withAsManyShardsAsSeedsEveryShardRunsEveryScenarioOnce() {
        List<GateCase> matrix = matrix(12, 4);
        for (int k = 1; k <= 4; k++) {
            assertThat(new Shard(k, 4).select(matrix)).extracting(GateCase::scenario).doesNotHaveDuplicates()
                    .hasSize(12);
        }
    }

    @Test
    void theSplitDoesNotDependOnTheOrderOfTheMatrix() {
        List<GateCase> matrix = matrix(9, 3);
        List<GateCase> shuffled = new ArrayList<>(matrix);
        Collections.shuffle(shuffled, new Random(5));
        for (int k = 1; k <= 4; k++) {
            Shard shard = new Shard(k, 4);
            assertThat(Set.copyOf(shard.select(shuffled))).isEqualTo(Set.copyOf(shard.select(matrix)));
        }
    }

    @Test
    void parsesKOfNAndRefusesNonsense() {
        assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
        assertThat(Shard.parse(" 1 / 1 ")).isEqualTo(Shard.WHOLE);
        assertThatThrownBy(() -> Shard.parse("0/4")).hasMessageContaining("between 1 and N");
        assertThatThrownBy(() -> Shard.parse("5/4")).hasMessageContaining("5/4 does not exist");
        assertThatThrownBy(() -> Shard.parse("2")).hasMessageContaining("K/N");
        assertThatThrownBy(() -> Shard.parse("a/b")).hasMessageContaining("whole numbers");
        assertThatThrownBy(() -> Shard.parse("1/0")).hasMessageContaining("between 1 and");
    }

    @Test
    void everyShardOfARunHasTheSameDigestAndAnotherRunAnother() {
        List<GateCase> matrix = matrix(3, 2);
        Set<String> digests = new HashSet<>();
        for (int k = 1; k <= 3; k++) {
            digests.add(new GateRun(1, 2, null, matrix, new Shard(k, 3)).digest());
        }
        assertThat(digests).hasSize(1);
        assertThat(new GateRun(2, 2, null, matrix, Shard.WHOLE).digest()).isNotIn(digests);
        assertThat(new GateRun(1, 2, "no_fin", matrix, Shard.WHOLE).digest()).isNotIn(digests);
        assertThat(new GateRun(1, 2, null, matrix.subList(1, 6), Shard.WHOLE).digest()).isNotIn(digests);
        assertThat(matrix.stream().map(GateCase::key).collect(Collectors.toSet())).hasSize(6);
    }
}
