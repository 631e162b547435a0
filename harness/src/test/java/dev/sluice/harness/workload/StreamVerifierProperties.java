package dev.sluice.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.ByteBuffer;
import java.util.List;
import dev.sluice.testsupport.PropertyRuns;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class StreamVerifierProperties {

    /** A workload stream: its seed, stream number, length in bytes and chunk size. */
    record Workload(long seed, int stream, long total, int chunkSize) {
    }

    private static Gen<Workload> workloads(long maxTotal, int maxChunk, int maxStream) {
        return longs().all().zip(integers().between(0, maxStream), longs().between(25, maxTotal),
                integers().between(25, maxChunk), Workload::new);
    }

    @Test
    void everyStreamCutAnywhereIsIntactAndDigestsMatch() {
        PropertyRuns.tries(200)
                .forAll(workloads(20_000, 3000, 50), lists().of(integers().between(0, 20_000)).ofSizeBetween(0, 20))
                .checkAssert((w, cuts) -> intactWhenCut(w.seed(), w.stream(), w.total(), w.chunkSize(), cuts));
    }

    private static void intactWhenCut(long seed, int stream, long total, int chunkSize, List<Integer> cuts) {
        ChunkWriter writer = new ChunkWriter(seed, stream, total, chunkSize);
        byte[] all = drain(writer);
        StreamVerifier verifier = new StreamVerifier(seed, stream, total, chunkSize);

        int position = 0;
        for (int cut : cuts.stream().map(c -> Math.min(c, all.length)).sorted().toList()) {
            verifier.accept(ByteBuffer.wrap(all, position, cut - position));
            position = cut;
        }
        verifier.accept(ByteBuffer.wrap(all, position, all.length - position));
        verifier.finish();

        assertThat(all).hasSize((int) total);
        assertThat(verifier.intact()).as("%s", verifier.violation()).isTrue();
        assertThat(verifier.digestHex()).isEqualTo(writer.digestHex());
    }

    @Test
    void anyChangedByteIsCaught() {
        PropertyRuns.tries(300)
                .forAll(workloads(5000, 600, 0), integers().between(0, 4999), integers().between(1, 255))
                .checkAssert((w, where, flip) -> changedByteCaught(w.seed(), w.total(), w.chunkSize(), where, flip));
    }

    private static void changedByteCaught(long seed, long total, int chunkSize, int where, int flip) {
        byte[] all = drain(new ChunkWriter(seed, 1, total, chunkSize));
        all[where % all.length] ^= (byte) flip;

        StreamVerifier verifier = new StreamVerifier(seed, 1, total, chunkSize);
        verifier.accept(ByteBuffer.wrap(all));
        verifier.finish();

        assertThat(verifier.intact()).isFalse();
    }

    @Test
    void anyLostDuplicatedOrSwappedSpanIsCaught() {
        PropertyRuns.tries(300)
                .forAll(workloads(5000, 600, 0), integers().between(0, 4999), integers().between(1, 700),
                        integers().between(0, 2))
                .checkAssert((w, from, length, damage) ->
                        damagedSpanCaught(w.seed(), w.total(), w.chunkSize(), from, length, damage));
    }

    private static void damagedSpanCaught(long seed, long total, int chunkSize, int from, int length, int damage) {
        byte[] all = drain(new ChunkWriter(seed, 1, total, chunkSize));
        int start = from % all.length;
        int end = Math.min(all.length, start + length);
        ByteBuffer damaged = ByteBuffer.allocate(all.length * 2);
        switch (damage) {
            case 0 -> damaged.put(all, 0, start).put(all, end, all.length - end);
            case 1 -> damaged.put(all, 0, end).put(all, start, end - start).put(all, end, all.length - end);
            default -> {
                if (end - start < 2 || isPalindrome(all, start, end)) {
                    return;
                }
                int mid = start + (end - start) / 2;
                damaged.put(all, 0, start).put(all, mid, end - mid).put(all, start, mid - start)
                        .put(all, end, all.length - end);
            }
        }
        damaged.flip();
        StreamVerifier verifier = new StreamVerifier(seed, 1, total, chunkSize);
        verifier.accept(damaged);
        verifier.finish();

        assertThat(verifier.intact()).isFalse();
    }

    private static boolean isPalindrome(byte[] all, int start, int end) {
        int mid = start + (end - start) / 2;
        return ByteBuffer.wrap(all, start, mid - start).equals(ByteBuffer.wrap(all, mid, mid - start));
    }

    private static byte[] drain(ChunkWriter writer) {
        ByteBuffer all = ByteBuffer.allocate((int) writer.totalBytes());
        while (writer.hasNext()) {
            all.put(writer.next());
        }
        return all.array();
    }
}
