package dev.sluice.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

/** Benchmark payloads: an eight-byte send timestamp followed by shared filler bytes. */
public final class Payloads {
    public static final int TIMESTAMP_BYTES = Long.BYTES;
    /** The largest payload a load run may ask for. */
    public static final int MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
    private static final ByteBuf FILLER = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(MAX_PAYLOAD_BYTES).writeZero(MAX_PAYLOAD_BYTES)).asReadOnly();

    private Payloads() {
    }

    /** A message of {@code sizeBytes} (at least eight) stamped with {@code intendedNanos}. */
    public static ByteBuf stamped(ByteBufAllocator alloc, long intendedNanos, int sizeBytes) {
        if (sizeBytes < TIMESTAMP_BYTES || sizeBytes > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("message size must be within " + TIMESTAMP_BYTES + ".."
                    + MAX_PAYLOAD_BYTES + " bytes, not " + sizeBytes);
        }
        if (sizeBytes <= 4096) {
            ByteBuf buf = alloc.buffer(sizeBytes);
            buf.writeLong(intendedNanos);
            buf.writeZero(sizeBytes - TIMESTAMP_BYTES);
            return buf;
        }
        ByteBuf header = alloc.buffer(TIMESTAMP_BYTES).writeLong(intendedNanos);
        return alloc.compositeBuffer(2)
                .addComponent(true, header)
                .addComponent(true, FILLER.retainedSlice(0, sizeBytes - TIMESTAMP_BYTES));
    }

    /** The timestamp a stamped message carries (does not move the reader index). */
    public static long intendedNanos(ByteBuf message) {
        return message.getLong(message.readerIndex());
    }
}
