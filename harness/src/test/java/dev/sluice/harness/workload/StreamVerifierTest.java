package dev.sluice.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamVerifierTest {
    private static final long SEED = 42;
    private static final int CHUNK = 100;

    @Test
    void acceptsTheExactStreamInOneSlice() {
        List<byte[]> chunks = chunks(1, 1000);
        StreamVerifier verifier = verifier(1, 1000);

        verifier.accept(ByteBuffer.wrap(concat(chunks)));
        verifier.finish();

        assertThat(verifier.intact()).isTrue();
        assertThat(verifier.received()).isEqualTo(1000);
    }

    @Test
    void aMissingChunkIsAGapNamingTheChunks() {
        List<byte[]> chunks = chunks(1, 1000);
        chunks.remove(3);
        StreamVerifier verifier = feed(1, 1000, chunks);

        assertThat(verifier.violation().kind()).isEqualTo(Violation.Kind.GAP);
        assertThat(verifier.violation().detail()).contains("expected chunk 3, got chunk 4");
        assertThat(verifier.violation().offset()).isEqualTo(300);
    }

    @Test
    void aDuplicatedChunkIsARepeat() {
        List<byte[]> chunks = chunks(1, 1000);
        chunks.add(3, chunks.get(2));
        StreamVerifier verifier = feed(1, 1000, chunks);

        assertThat(verifier.violation().kind()).isEqualTo(Violation.Kind.REPEAT);
        assertThat(verifier.violation().detail()).contains("got chunk 2 again");
    }

    @Test
    void aFlippedPayloadByteIsCorruption() {
        List<byte[]> chunks = chunks(1, 1000);
        chunks.get(5)[50] ^= 1;
        StreamVerifier verifier = feed(1, 1000, chunks);

        assertThat(verifier.violation().kind()).isEqualTo(Violation.Kind.CORRUPT);
        assertThat(verifier.violation().detail()).contains("chunk 5");
    }

    @Test
    void aChunkOfAnotherStreamIsMisrouted() {
        List<byte[]> chunks = chunks(1, 1000);
        chunks.set(2, chunks(7, 1000).get(2));
        StreamVerifier verifier = feed(1, 1000, chunks);

        assertThat(verifier.violation().kind()).isEqualTo(Violation.Kind.MISROUTED);
    }

    @Test
    void aCleanEndBeforeTheLastByteIsTruncation() {
        byte[] all = concat(chunks(1, 1000));
        StreamVerifier verifier = verifier(1, 1000);
        verifier.accept(all, 0, 950);
        verifier.finish();

        assertThat(verifier.intact()).isFalse();
        assertThat(verifier.violation().kind()).isEqualTo(Violation.Kind.TRUNCATED);
        assertThat(verifier.violation().detail()).contains("950 of 1000 bytes");
    }

    @Test
    void bytesAfterTheLastChunkAreExcess() {
        StreamVerifier verifier = verifier(1, 1000);
        verifier.accept(ByteBuffer.wrap(concat(chunks(1, 1000))));
        verifier.accept(new byte[] {1}, 0, 1);
        verifier.finish();

        assertThat(verifier.violation().kind()).isEqualTo(Violation.Kind.EXCESS);
    }

    @Test
    void aShortRemainderJoinsTheChunkBeforeIt() {
        assertThat(ChunkFormat.chunkCount(1010, CHUNK)).isEqualTo(10);
        assertThat(ChunkFormat.chunkLength(1010, CHUNK, 9)).isEqualTo(110);
        assertThat(ChunkFormat.chunkCount(1030, CHUNK)).isEqualTo(11);
        assertThat(ChunkFormat.chunkLength(1030, CHUNK, 10)).isEqualTo(30);
        assertThat(ChunkFormat.chunkCount(0, CHUNK)).isZero();
        assertThat(ChunkFormat.chunkCount(30, CHUNK)).isEqualTo(1);
    }

    @Test
    void unusableSizesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new ChunkWriter(SEED, 0, 10, CHUNK))
                .hasMessageContaining("at least 25");
        assertThatThrownBy(() -> new ChunkWriter(SEED, 0, 1000, 8))
                .hasMessageContaining("chunk size 8");
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedDifferentOnes() {
        assertThat(concat(chunks(3, 1000))).isEqualTo(concat(chunks(3, 1000)));
        List<byte[]> other = new ArrayList<>();
        ChunkWriter writer = new ChunkWriter(SEED + 1, 3, 1000, CHUNK);
        while (writer.hasNext()) {
            other.add(writer.next().array());
        }
        assertThat(concat(other)).isNotEqualTo(concat(chunks(3, 1000)));
    }

    static List<byte[]> chunks(int stream, long total) {
        ChunkWriter writer = new ChunkWriter(SEED, stream, total, CHUNK);
        List<byte[]> chunks = new ArrayList<>();
        while (writer.hasNext()) {
            chunks.add(writer.next().array());
        }
        return chunks;
    }

    static byte[] concat(List<byte[]> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static StreamVerifier verifier(int stream, long total) {
        return new StreamVerifier(SEED, stream, total, CHUNK);
    }

    private static StreamVerifier feed(int stream, long total, List<byte[]> chunks) {
        StreamVerifier verifier = verifier(stream, total);
        chunks.forEach(c -> verifier.accept(c, 0, c.length));
        verifier.finish();
        assertThat(verifier.intact()).isFalse();
        return verifier;
    }
}
