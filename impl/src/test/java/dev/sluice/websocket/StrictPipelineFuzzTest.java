package dev.sluice.websocket;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzzing of the strict WebSocket stages of a server connection (frame decoder,
 * message assembly, UTF-8 validation, close handling), outcome checked by {@link StrictPipelineRun}.
 * {@code mvn verify} replays the committed inputs under {@code StrictPipelineFuzzTestInputs/};
 * {@code ci/fuzz} fuzzes.
 */
class StrictPipelineFuzzTest {
    /** The first byte sets the size (1..256) of the chunks the rest arrives in, as TCP may cut it. */
    @FuzzTest
    void anyBytesEndInOneValidCloseOrAHealthyConnection(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int chunk = (data[0] & 0xFF) + 1;
        StrictPipelineRun.endsInOneValidCloseOrHealthy(Arrays.copyOfRange(data, 1, data.length), List.of(chunk));
    }
}
