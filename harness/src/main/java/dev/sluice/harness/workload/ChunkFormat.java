package dev.sluice.harness.workload;

import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * The workload's self-describing chunks. A stream's bytes are a sequence of chunks, each proving
 * on its own where it belongs, so that the receiver can tell loss, duplication, reordering and
 * corruption apart instead of just "digest mismatch":
 *
 * <pre>
 *  0               4               8                              16              20              24
 * +---------------+---------------+-------------------------------+---------------+---------------+------------
 * | magic "SLCK"  | stream index  |        sequence number        | payload length| CRC32C of     | payload ...
 * | u32           | u32           | u64, 0 for the first chunk    | u32           | the payload   | (length bytes)
 * +---------------+---------------+-------------------------------+---------------+---------------+------------
 * </pre>
 *
 * All integers are big-endian. The payload of chunk {@code (seed, stream, sequence)} is a pure
 * function of those three numbers, so the receiver regenerates and compares it byte for byte.
 * Chunks are {@code chunkSize} bytes long except the last of a stream, which takes the remainder
 * (and absorbs a remainder too short to hold a header).
 */
public final class ChunkFormat {
    public static final int MAGIC = 0x534C434B; // "SLCK"
    public static final int HEADER_SIZE = 24;
    /** The smallest chunk: a header and one payload byte. */
    public static final int MIN_CHUNK_SIZE = HEADER_SIZE + 1;
    public static final int DEFAULT_CHUNK_SIZE = 4096;
    /** Chunks never exceed this, so a receiver's buffer for one chunk stays bounded. */
    public static final int MAX_CHUNK_SIZE = 1 << 20;

    private ChunkFormat() {
    }

    /** Fills {@code out[offset..offset+length)} with the payload of one chunk. */
    public static void payload(long seed, int stream, long sequence, byte[] out, int offset, int length) {
        SplittableRandom random = new SplittableRandom(mix(seed, stream, sequence));
        int i = 0;
        while (i + 8 <= length) {
            long word = random.nextLong();
            for (int b = 0; b < 8; b++) {
                out[offset + i++] = (byte) (word >>> (56 - 8 * b));
            }
        }
        long word = random.nextLong();
        for (int b = 0; i < length; b++) {
            out[offset + i++] = (byte) (word >>> (56 - 8 * b));
        }
    }

    public static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** The length of chunk {@code sequence} of a stream of {@code totalBytes} cut into {@code chunkSize} chunks. */
    public static int chunkLength(long totalBytes, int chunkSize, long sequence) {
        long count = chunkCount(totalBytes, chunkSize);
        if (sequence < count - 1) {
            return chunkSize;
        }
        return (int) (totalBytes - (count - 1) * (long) chunkSize);
    }

    /** How many chunks a stream of {@code totalBytes} has. */
    public static long chunkCount(long totalBytes, int chunkSize) {
        if (totalBytes == 0) {
            return 0;
        }
        long full = totalBytes / chunkSize;
        long remainder = totalBytes % chunkSize;
        if (remainder == 0) {
            return full;
        }
        // A remainder too short for a header is absorbed by the chunk before it.
        return remainder >= MIN_CHUNK_SIZE || full == 0 ? full + 1 : full;
    }

    /** Why a stream length or chunk size cannot be used, or null when it can. */
    /**
     * The number of chunks a stream of {@code totalBytes} is cut into.
     *
     * @throws IllegalArgumentException naming the problem when the sizes are out of range
     */
    public static long checkedChunkCount(long totalBytes, int chunkSize) {
        String problem = validate(totalBytes, chunkSize);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return chunkCount(totalBytes, chunkSize);
    }

    public static String validate(long totalBytes, int chunkSize) {
        if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
            return "chunk size " + chunkSize + " must be between " + MIN_CHUNK_SIZE + " and " + MAX_CHUNK_SIZE;
        }
        if (totalBytes < 0) {
            return "bytes per stream must not be negative, got " + totalBytes;
        }
        if (totalBytes > 0 && totalBytes < MIN_CHUNK_SIZE) {
            return "bytes per stream must be 0 or at least " + MIN_CHUNK_SIZE + " (one chunk header and one byte), got "
                    + totalBytes;
        }
        return null;
    }

    private static long mix(long seed, int stream, long sequence) {
        long h = seed * 0x9E3779B97F4A7C15L;
        h ^= (stream + 1L) * 0xC2B2AE3D27D4EB4FL;
        h ^= sequence * 0x165667B19E3779F9L;
        h ^= h >>> 31;
        return h;
    }
}
