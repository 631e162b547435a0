package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stream id map against java.util.HashMap under random puts, gets and removes. */
class StreamIdMapTest {
    @Test
    void agreesWithAHashMapOverRandomOperations() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            StreamIdMap<String> map = new StreamIdMap<>();
            Map<Integer, String> model = new HashMap<>();
            // ids the way a connection sees them: both parities, clustered, sometimes far apart
            int range = 1 + random.nextInt(seed % 2 == 0 ? 64 : 100_000);
            for (int op = 0; op < 5_000; op++) {
                int id = 1 + random.nextInt(range);
                switch (random.nextInt(4)) {
                    case 0, 1 -> {
                        String value = "s" + op;
                        map.put(id, value);
                        model.put(id, value);
                    }
                    case 2 -> assertThat(map.remove(id)).as("seed %d op %d remove %d", seed, op, id)
                            .isEqualTo(model.remove(id));
                    default -> assertThat(map.get(id)).as("seed %d op %d get %d", seed, op, id)
                            .isEqualTo(model.get(id));
                }
                assertThat(map.size()).isEqualTo(model.size());
            }
            for (Map.Entry<Integer, String> e : model.entrySet()) {
                assertThat(map.get(e.getKey())).isEqualTo(e.getValue());
            }
            assertThat(map.values()).containsExactlyInAnyOrderElementsOf(model.values());
            map.clear();
            assertThat(map.isEmpty()).isTrue();
            assertThat(map.values()).isEmpty();
        }
    }

    @Test
    void idsArePositive() {
        StreamIdMap<String> map = new StreamIdMap<>();
        assertThatThrownBy(() -> map.put(0, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        assertThat(map.get(0)).isNull();
        assertThat(map.remove(0)).isNull();
        assertThat(map.remove(-3)).isNull();
        assertThat(map.size()).isZero();
    }
}
