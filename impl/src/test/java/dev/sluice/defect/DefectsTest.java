package dev.sluice.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DefectsTest {
    @AfterEach
    void disarm() {
        Defects.disarm();
    }

    @Test
    void nothingIsArmedByDefault() {
        for (Defect defect : Defect.values()) {
            assertThat(Defects.armed(defect)).isFalse();
        }
        assertThat(Defects.dropThisDataFrame()).isFalse();
    }

    @Test
    void armingWithoutConsentIsRefusedWithTheVariableNamed() {
        assertThatThrownBy(() -> Defects.arm(Defect.NO_FIN, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SLUICE_ENABLE_DEFECTS=I_UNDERSTAND");
        assertThatThrownBy(() -> Defects.arm(Defect.NO_FIN, Map.of(Defects.CONSENT_ENV, "yes")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(Defects.armed(Defect.NO_FIN)).isFalse();
    }

    @Test
    void dropHitsExactlyOneFrameInN() {
        Defects.arm(Defect.DROP_DATA_FRAME, Map.of(Defects.CONSENT_ENV, Defects.CONSENT));
        int dropped = 0;
        for (int i = 0; i < Defects.ONE_IN * 3; i++) {
            dropped += Defects.dropThisDataFrame() ? 1 : 0;
        }
        assertThat(dropped).isEqualTo(3);
        assertThat(Defects.corruptThisDataFrame()).isFalse();
    }

    @Test
    void namesParseAndUnknownNamesListTheKnownOnes() {
        assertThat(Defect.parse("no_pong")).isEqualTo(Defect.NO_PONG);
        assertThatThrownBy(() -> Defect.parse("nope")).hasMessageContaining("leak_stream_on_reset");
    }
}
