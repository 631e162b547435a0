package dev.sluice.harness.workload;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.NoSuchElementException;

/** Produces the chunks of one stream in order, one buffer per chunk. Not thread-safe: one writer. */
public final class ChunkWriter {
    private final long seed;
    private final int stream;
    private final long totalBytes;
    private final int chunkSize;
    private final long chunkCount;
    private final MessageDigest digest = StreamVerifier.sha256();
    private long nextSequence;

    public ChunkWriter(long seed, int stream, long totalBytes, int chunkSize) {
        this.seed = seed;
        this.stream = stream;
        this.totalBytes = totalBytes;
        this.chunkSize = chunkSize;
        this.chunkCount = ChunkFormat.checkedChunkCount(totalBytes, chunkSize);
    }

    public boolean hasNext() {
        return nextSequence < chunkCount;
    }

    /** The next chunk, header and payload, ready to write. */
    public ByteBuffer next() {
        if (!hasNext()) {
            throw new NoSuchElementException("stream " + stream + " has only " + chunkCount + " chunks");
        }
        long sequence = nextSequence++;
        int length = ChunkFormat.chunkLength(totalBytes, chunkSize, sequence);
        int payloadLength = length - ChunkFormat.HEADER_SIZE;
        byte[] chunk = new byte[length];
        ChunkFormat.payload(seed, stream, sequence, chunk, ChunkFormat.HEADER_SIZE, payloadLength);
        ByteBuffer.wrap(chunk)
                .putInt(ChunkFormat.MAGIC)
                .putInt(stream)
                .putLong(sequence)
                .putInt(payloadLength)
                .putInt(ChunkFormat.crc(chunk, ChunkFormat.HEADER_SIZE, payloadLength));
        digest.update(chunk);
        return ByteBuffer.wrap(chunk);
    }

    /** SHA-256 of every chunk produced so far, in hex: compare with {@link StreamVerifier#digestHex}. */
    public String digestHex() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests are cloneable in every JDK", e);
        }
    }

    public long chunkCount() {
        return chunkCount;
    }

    public long totalBytes() {
        return totalBytes;
    }
}
