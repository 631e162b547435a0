package dev.sluice.harness.workload;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Checks, as bytes arrive in slices of any size, that a stream delivers exactly the chunks
 * {@link ChunkWriter} produced for it: every chunk once, in order, byte for byte. Keeps the first
 * {@link Violation}; later bytes are still counted and digested but no longer parsed. Not
 * thread-safe: one reader.
 */
public final class StreamVerifier {
    private final long seed;
    private final int stream;
    private final long totalBytes;
    private final int chunkSize;
    private final long chunkCount;
    private final MessageDigest digest;
    /** Bytes of the chunk being assembled. */
    private byte[] pending = new byte[0];
    private int pendingLength;
    private long received;
    private long nextSequence;
    private Violation violation;

    public StreamVerifier(long seed, int stream, long totalBytes, int chunkSize) {
        this.seed = seed;
        this.stream = stream;
        this.totalBytes = totalBytes;
        this.chunkSize = chunkSize;
        this.chunkCount = ChunkFormat.checkedChunkCount(totalBytes, chunkSize);
        this.digest = sha256();
    }

    /** Consumes every remaining byte of {@code bytes}. */
    public void accept(ByteBuffer bytes) {
        long offset = received;
        received += bytes.remaining();
        digest.update(bytes.duplicate());
        if (violation == null) {
            parse(bytes.duplicate(), offset);
        }
        bytes.position(bytes.limit());
    }

    public void accept(byte[] bytes, int offset, int length) {
        accept(ByteBuffer.wrap(bytes, offset, length));
    }

    /** Call when the stream ended cleanly (end of stream): checks nothing is missing. */
    public void finish() {
        if (violation == null && (nextSequence < chunkCount || pendingLength > 0)) {
            violation = new Violation(Violation.Kind.TRUNCATED, received, "the stream ended after " + received + " of "
                    + totalBytes + " bytes, in chunk " + nextSequence + " of " + chunkCount);
        }
    }

    /** True when every byte arrived in order and nothing else did (call after {@link #finish}). */
    public boolean intact() {
        return violation == null && received == totalBytes && nextSequence == chunkCount;
    }

    public Violation violation() {
        return violation;
    }

    public long received() {
        return received;
    }

    public long nextSequence() {
        return nextSequence;
    }

    /** SHA-256 of every byte received so far, in hex. */
    public String digestHex() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests are cloneable in every JDK", e);
        }
    }

    private void parse(ByteBuffer bytes, long offset) {
        while (bytes.hasRemaining() && violation == null) {
            if (nextSequence >= chunkCount) {
                violation = new Violation(Violation.Kind.EXCESS, offset, bytes.remaining()
                        + " bytes arrived after the last of " + chunkCount + " chunks (" + totalBytes + " bytes)");
                return;
            }
            int expectedLength = ChunkFormat.chunkLength(totalBytes, chunkSize, nextSequence);
            if (pending.length < expectedLength) {
                pending = Arrays.copyOf(pending, expectedLength);
            }
            int take = Math.min(bytes.remaining(), expectedLength - pendingLength);
            bytes.get(pending, pendingLength, take);
            pendingLength += take;
            offset += take;
            if (pendingLength == expectedLength) {
                check(expectedLength, offset - expectedLength);
                pendingLength = 0;
                nextSequence++;
            }
        }
    }

    private void check(int length, long chunkOffset) {
        ByteBuffer header = ByteBuffer.wrap(pending, 0, ChunkFormat.HEADER_SIZE);
        int magic = header.getInt();
        int chunkStream = header.getInt();
        long sequence = header.getLong();
        int payloadLength = header.getInt();
        int crc = header.getInt();
        String where = "chunk " + nextSequence;
        if (magic != ChunkFormat.MAGIC) {
            fail(Violation.Kind.CORRUPT, chunkOffset, where + " does not start with the chunk magic (got 0x"
                    + Integer.toHexString(magic) + "): bytes lost, inserted or corrupted before it");
        } else if (chunkStream != stream) {
            fail(Violation.Kind.MISROUTED, chunkOffset, where + " belongs to stream " + chunkStream
                    + ", not to stream " + stream);
        } else if (sequence > nextSequence) {
            fail(Violation.Kind.GAP, chunkOffset, "expected chunk " + nextSequence + ", got chunk " + sequence
                    + ": chunks " + nextSequence + ".." + (sequence - 1) + " are missing or out of order");
        } else if (sequence < nextSequence) {
            fail(Violation.Kind.REPEAT, chunkOffset, "expected chunk " + nextSequence + ", got chunk " + sequence
                    + " again (duplicated or out of order)");
        } else if (payloadLength != length - ChunkFormat.HEADER_SIZE) {
            fail(Violation.Kind.CORRUPT, chunkOffset, where + " claims " + payloadLength + " payload bytes, expected "
                    + (length - ChunkFormat.HEADER_SIZE));
        } else if (crc != ChunkFormat.crc(pending, ChunkFormat.HEADER_SIZE, payloadLength)) {
            fail(Violation.Kind.CORRUPT, chunkOffset, where + " payload fails its CRC32C");
        } else if (!payloadAsSent(sequence, payloadLength)) {
            fail(Violation.Kind.CORRUPT, chunkOffset, where + " payload differs from what was sent");
        }
    }

    private boolean payloadAsSent(long sequence, int payloadLength) {
        byte[] expected = new byte[payloadLength];
        ChunkFormat.payload(seed, stream, sequence, expected, 0, payloadLength);
        return Arrays.equals(expected, 0, payloadLength, pending, ChunkFormat.HEADER_SIZE,
                ChunkFormat.HEADER_SIZE + payloadLength);
    }

    private void fail(Violation.Kind kind, long offset, String detail) {
        violation = new Violation(kind, offset, "stream " + stream + ": " + detail);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
