package dev.sluice.bench.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HandicapTest {
    @Test
    void unsetMeansNoExtraWork() {
        assertThat(Handicap.parse(null).units()).isZero();
        assertThat(Handicap.parse(" ").units()).isZero();
    }

    @Test
    void aNumberIsTheWorkUnitsPerMessage() {
        assertThat(Handicap.parse("1500").units()).isEqualTo(1500);
    }

    @Test
    void anythingElseIsRejectedWithTheVariableNamed() {
        assertThatThrownBy(() -> Handicap.parse("-3")).hasMessageContaining(Handicap.ENV);
        assertThatThrownBy(() -> Handicap.parse("lots")).hasMessageContaining(Handicap.ENV);
    }
}
