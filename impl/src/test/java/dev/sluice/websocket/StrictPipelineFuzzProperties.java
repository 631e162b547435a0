package dev.sluice.websocket;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.sluice.testsupport.PropertyRuns;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Feeds arbitrary bytes and mutated valid sessions (bit flips, truncations, splices, duplicated,
 * dropped and reordered frames), split into arbitrary chunks, into the post-upgrade pipeline of a
 * server connection, and checks each outcome as {@link StrictPipelineRun} states it.
 * Tries: {@value FuzzTries#DEFAULT_TRIES}, or {@code -Dsluice.fuzz.tries=N}.
 */
class StrictPipelineFuzzProperties {
    @Test
    void anyInputEndsInOneValidCloseOrLeavesTheConnectionHealthy() {
        int tries = PropertyRuns.effectiveTries(FuzzTries.tries());
        FuzzTries.start();
        long start = System.nanoTime();
        boolean passed = false;
        try {
            PropertyRuns.tries(tries).forAll(inputs(), lists().of(integers().between(1, 300)).ofSizeBetween(1, 6))
                    .checkAssert(StrictPipelineRun::endsInOneValidCloseOrHealthy);
            passed = true;
        } finally {
            FuzzTries.report("anyInputEndsInOneValidCloseOrLeavesTheConnectionHealthy", tries, start, passed);
        }
    }

    private static Gen<byte[]> inputs() {
        return Generate.frequency(
                Pair.of(1, PropertyRuns.byteArrays(0, 200)),
                Pair.of(1, FuzzSessions.validSessions()),
                Pair.of(4, FuzzSessions.mutatedSessions())).describedAs(PropertyRuns::hex);
    }
}
