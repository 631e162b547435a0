package dev.sluice.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class StreamVerifierProperties {

    @Property(tries = 200)
    void everyStreamCutAnywhereIsIntactAndDigestsMatch(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 50) int stream,
            @ForAll @LongRange(min = 25, max = 20_000) long total,
            @ForAll @IntRange(min = 25, max = 3000) int chunkSize,
            @ForAll @Size(max = 20) List<@IntRange(min = 0, max = 20_000) Integer> cuts) {
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

    @Property(tries = 300)
    void anyChangedByteIsCaught(
            @ForAll long seed,
            @ForAll @LongRange(min = 25, max = 5000) long total,
            @ForAll @IntRange(min = 25, max = 600) int chunkSize,
            @ForAll @IntRange(min = 0, max = 4999) int where,
            @ForAll @IntRange(min = 1, max = 255) int flip) {
        byte[] all = drain(new ChunkWriter(seed, 1, total, chunkSize));
        all[where % all.length] ^= (byte) flip;

        StreamVerifier verifier = new StreamVerifier(seed, 1, total, chunkSize);
        verifier.accept(ByteBuffer.wrap(all));
        verifier.finish();

        assertThat(verifier.intact()).isFalse();
    }

    @Property(tries = 300)
    void anyLostDuplicatedOrSwappedSpanIsCaught(
            @ForAll long seed,
            @ForAll @LongRange(min = 25, max = 5000) long total,
            @ForAll @IntRange(min = 25, max = 600) int chunkSize,
            @ForAll @IntRange(min = 0, max = 4999) int from,
            @ForAll @IntRange(min = 1, max = 700) int length,
            @ForAll @IntRange(min = 0, max = 2) int damage) {
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
