package dev.sluice.bench.sluice;

import dev.sluice.bench.load.EchoConnection;
import dev.sluice.bench.load.EchoSink;
import dev.sluice.bench.load.Payloads;
import dev.sluice.connection.SluiceConnection;
import dev.sluice.stream.SluiceStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * One echo stream. A stream is a byte stream, so messages are cut back out of it by size: every
 * message of a run has the same size (the first send fixes it), and each starts with its stamp.
 * Where the transport takes and gives {@code ByteBuf}s it is driven like the raw Netty client
 * ({@link ZeroCopyStreamIo}); against an older revision (an A/B baseline) through the copying API.
 */
final class SluiceEchoStream implements EchoConnection {

    private final SluiceConnection connection;
    private final SluiceStream stream;
    private final EchoSink sink;
    /** Fixed by the first send (any thread); read by the stream's event loop while parsing. */
    private volatile int messageBytes;
    /** Parser state: touched only in {@link #received}, on the stream's event loop. */
    private int position;
    private long stamp;

    private SluiceEchoStream(SluiceConnection connection, SluiceStream stream, EchoSink sink) {
        this.connection = connection;
        this.stream = stream;
        this.sink = sink;
    }

    static SluiceEchoStream attach(SluiceConnection connection, SluiceStream stream, EchoSink sink) {
        SluiceEchoStream echo = new SluiceEchoStream(connection, stream, sink);
        if (ZeroCopyEcho.AVAILABLE) {
            ZeroCopyStreamIo.subscribe(stream, echo);
        } else {
            stream.reads().subscribe(new CopyingReads(echo));
        }
        return echo;
    }

    @Override
    public void send(long intendedNanos, int sizeBytes) {
        if (messageBytes == 0) {
            messageBytes = sizeBytes;
        } else if (messageBytes != sizeBytes) {
            throw new IllegalArgumentException("a Sluice echo stream carries one message size ("
                    + messageBytes + " bytes), not " + sizeBytes);
        }
        // one buffer per message, so that every message travels as full data frames (a separate
        // stamp write would add a tiny frame per message that the raw client does not send)
        if (ZeroCopyEcho.AVAILABLE) {
            ZeroCopyStreamIo.send(stream, intendedNanos, sizeBytes);
            return;
        }
        ByteBuffer message = ByteBuffer.allocate(sizeBytes);
        message.putLong(0, intendedNanos);
        stream.write(message);
    }

    /** Cuts the echoes out of one received chunk (the caller keeps and releases it). */
    void received(ByteBuf chunk) {
        int size = messageBytes;
        while (chunk.isReadable()) {
            if (position == 0 && chunk.readableBytes() >= size) {
                // a whole message in this chunk: read its stamp in one go
                long wholeStamp = chunk.getLong(chunk.readerIndex());
                chunk.skipBytes(size);
                sink.echoed(this, wholeStamp);
                continue;
            }
            if (position < Payloads.TIMESTAMP_BYTES) {
                stamp = (stamp << 8) | chunk.readUnsignedByte();
                position++;
            } else {
                int skip = Math.min(chunk.readableBytes(), size - position);
                chunk.skipBytes(skip);
                position += skip;
            }
            if (position == size) {
                sink.echoed(this, stamp);
                position = 0;
                stamp = 0;
            }
        }
    }

    @Override
    public void close() {
        stream.close();
        connection.close(1000, "benchmark done");
    }

    /** Reads through the copying API of revisions without {@code byteBufReads()}. */
    private static final class CopyingReads implements Flow.Subscriber<ByteBuffer> {
        private final SluiceEchoStream echo;

        CopyingReads(SluiceEchoStream echo) {
            this.echo = echo;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ByteBuffer chunk) {
            echo.received(Unpooled.wrappedBuffer(chunk));
        }

        @Override
        public void onError(Throwable error) {
            // the load generator sees the missing echoes as unanswered messages
        }

        @Override
        public void onComplete() {
            // the echo ended its side after ours: nothing left to count
        }
    }
}
