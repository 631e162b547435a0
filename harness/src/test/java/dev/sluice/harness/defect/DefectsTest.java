package dev.sluice.harness.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefectsTest {
    private static final Map<String, String> CONSENTED = Map.of(DefectHooks.CONSENT_ENV, DefectHooks.CONSENT);

    @Test
    void armingWithoutConsentIsRefusedWithTheVariableNamed() {
        assertThatThrownBy(() -> DefectHooks.arm(Defect.NO_FIN, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SLUICE_ENABLE_DEFECTS=I_UNDERSTAND");
        assertThatThrownBy(() -> DefectHooks.arm(Defect.NO_FIN, Map.of(DefectHooks.CONSENT_ENV, "yes")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void dropHitsExactlyOneFrameInN() {
        DefectHooks hooks = DefectHooks.arm(Defect.DROP_DATA_FRAME, CONSENTED);
        int dropped = 0;
        for (int i = 0; i < DefectHooks.ONE_IN * 3; i++) {
            dropped += hooks.dropInboundData(1, Unpooled.EMPTY_BUFFER) ? 1 : 0;
        }
        assertThat(dropped).isEqualTo(3);
        assertThat(hooks.sendFin(1)).isTrue();
        assertThat(hooks.ignoreCredit()).isFalse();
    }

    @Test
    void corruptFlipsOneByteInTheMiddleOfEveryNthPayload() {
        DefectHooks hooks = DefectHooks.arm(Defect.CORRUPT_BYTE, CONSENTED);
        int changed = 0;
        for (int i = 0; i < DefectHooks.ONE_IN * 2; i++) {
            ByteBuf payload = Unpooled.buffer(4).writeInt(0);
            hooks.outboundData(1, payload);
            changed += payload.getInt(0) != 0 ? 1 : 0;
            assertThat(payload.getByte(2) == 0 || payload.getByte(2) == 0x20).isTrue();
            payload.release();
        }
        assertThat(changed).isEqualTo(2);
    }

    @Test
    void eachDefectBreaksOnlyItsOwnRule() {
        assertThat(DefectHooks.arm(Defect.NO_FIN, CONSENTED).sendFin(1)).isFalse();
        assertThat(DefectHooks.arm(Defect.IGNORE_CREDIT, CONSENTED).ignoreCredit()).isTrue();
        assertThat(DefectHooks.arm(Defect.LEAK_STREAM_ON_RESET, CONSENTED).endReaderOnReset(1)).isFalse();
        assertThat(DefectHooks.arm(Defect.NO_PONG, CONSENTED).sendFin(1)).isTrue();
    }

    @Test
    void namesParseAndUnknownNamesListTheKnownOnes() {
        assertThat(Defect.parse("no_pong")).isEqualTo(Defect.NO_PONG);
        assertThatThrownBy(() -> Defect.parse("nope")).hasMessageContaining("leak_stream_on_reset");
    }
}
